package cn.hongqiao.samecity.enterprise;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients
class EnterpriseConfiguration {
}
