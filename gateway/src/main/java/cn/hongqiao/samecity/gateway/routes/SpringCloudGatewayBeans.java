package cn.hongqiao.samecity.gateway.routes;

import java.util.function.Function;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Spring Cloud Gateway defines its filters without a condition to back off, so the gateway's own
 * versions replace its beans once they are configured, here in one place for all of them.
 */
final class SpringCloudGatewayBeans {

    private SpringCloudGatewayBeans() {
    }

    /** Each bean of Spring Cloud Gateway's {@code type} (not already the gateway's {@code own}) swapped for {@code replacement} of it. */
    static <T> BeanPostProcessor replacing(Class<T> type, Class<? extends T> own, Function<T, ? extends T> replacement) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return type.isInstance(bean) && !own.isInstance(bean) ? replacement.apply(type.cast(bean)) : bean;
            }
        };
    }
}
