package cn.hongqiao.samecity.publicservices;

import cn.hongqiao.samecity.publicservices.applications.RectificationRules;
import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import cn.hongqiao.samecity.publicservices.exchange.ExchangeProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableFeignClients
@EnableConfigurationProperties({ WorkingDayCalendar.class, ExchangeProperties.class, RectificationRules.class })
class ServicesConfiguration {
}
