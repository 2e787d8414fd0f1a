package cn.hongqiao.samecity.projects.project;

/** 片区: the zones of the same-city business district around Tianjin West station. */
public enum Zone {
    WEST_STATION_SOUTH("西站南"),
    WEST_STATION_EAST("西站东"),
    WEST_STATION_NORTH("西站北"),
    WEST_STATION_WEST("西站西"),
    CORE_BUSINESS("核心商务区"),
    /** Elsewhere in Hongqiao District (for example the urban industrial parks). */
    DISTRICT_OTHER("红桥区其他区域");

    private final String label;

    Zone(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
