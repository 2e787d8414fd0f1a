package cn.hongqiao.samecity.enterprise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The enterprise registry, central-SOE branches, innovation consortia and the investment pipeline. */
@SpringBootApplication
public class EnterpriseServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnterpriseServiceApplication.class, args);
    }
}
