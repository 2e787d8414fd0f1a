package cn.hongqiao.samecity.enterprise.leads;

/** 招商渠道: how a lead came. */
public enum Channel {
    INDUSTRY_CHAIN("产业链招商"),
    EXISTING_ASSETS("存量资源招商"),
    SCENARIO_OPENING("场景开放招商"),
    BUSINESS_REFERRAL("以商招商");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
