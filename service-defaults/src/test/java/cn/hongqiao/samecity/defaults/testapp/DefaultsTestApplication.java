package cn.hongqiao.samecity.defaults.testapp;

import cn.hongqiao.samecity.defaults.seed.SeedSet;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service that applies the defaults, to specify them. */
@SpringBootApplication
public class DefaultsTestApplication {

    @Bean
    SeedSet<Widget.NewWidget> widgetSeeds() {
        return SeedSet.of("widgets", Widget.NewWidget.class, Widget::of, "code");
    }
}
