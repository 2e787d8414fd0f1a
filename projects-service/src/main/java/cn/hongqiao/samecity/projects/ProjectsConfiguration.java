package cn.hongqiao.samecity.projects;

import cn.hongqiao.samecity.projects.warnings.WarningPolicy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableFeignClients
@EnableConfigurationProperties(WarningPolicy.class)
class ProjectsConfiguration {
}
