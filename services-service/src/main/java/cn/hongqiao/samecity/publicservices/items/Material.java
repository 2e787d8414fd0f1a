package cn.hongqiao.samecity.publicservices.items;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A material an item requires (申请材料): whether required, original or copy, how many copies. */
public record Material(@NotBlank @Size(max = 100) String name, @NotNull Boolean required, @NotNull Form form,
        @NotNull @Min(1) @Max(20) Integer copies) {

    public enum Form {
        ORIGINAL("原件"),
        COPY("复印件"),
        ELECTRONIC("电子材料");

        private final String label;

        Form(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }
}
