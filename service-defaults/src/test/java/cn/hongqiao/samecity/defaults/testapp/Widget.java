package cn.hongqiao.samecity.defaults.testapp;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("widgets")
public class Widget {

    public record NewWidget(@NotBlank @Size(max = 20) String code, @NotBlank String name, @DecimalMin("0") BigDecimal price) {
    }

    @Id
    String id;
    @Indexed(unique = true)
    String code;
    String name;
    BigDecimal price;
    @Version
    Long version;

    static Widget of(NewWidget w) {
        if (w.name().equals("forbidden")) {
            throw new IllegalArgumentException("the domain refuses this name");
        }
        Widget widget = new Widget();
        widget.code = w.code();
        widget.name = w.name();
        widget.price = w.price();
        return widget;
    }
}
