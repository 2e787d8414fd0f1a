package cn.hongqiao.samecity.defaults.web;

import java.util.List;

/**
 * A whole collection, not paged (a project's buildings, the partner regions...), in an object
 * rather than a bare array, so that a member can be added later without breaking a client.
 */
public record ListView<T>(List<T> items) {

    public ListView {
        items = List.copyOf(items);
    }

    public static <T> ListView<T> of(List<T> items) {
        return new ListView<>(items);
    }
}
