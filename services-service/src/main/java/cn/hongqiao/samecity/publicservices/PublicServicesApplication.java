package cn.hongqiao.samecity.publicservices;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Cross-province service items (跨省通办), applications, evaluations, medical institutions, agreements and events. */
@SpringBootApplication
public class PublicServicesApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublicServicesApplication.class, args);
    }
}
