package cn.hongqiao.samecity.defaults.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;

/** The platform's problem messages (bundles {@code problems} and {@code platform-problems}), for every process. */
@AutoConfiguration(after = MessageSourceAutoConfiguration.class)
public class ProblemMessagesAutoConfiguration {

    @Bean
    ProblemMessages problemMessages(MessageSource messageSource) {
        return new ProblemMessages(messageSource);
    }
}
