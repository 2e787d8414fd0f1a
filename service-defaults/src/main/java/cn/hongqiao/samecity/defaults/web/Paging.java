package cn.hongqiao.samecity.defaults.web;

import java.util.Set;

import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Page requests with the platform's limits: {@code page} from 0, {@code size} 1 to
 * {@link #MAX_SIZE}, {@code sort} as {@code field} or {@code field,asc|desc} on the fields a
 * resource allows. Anything else is a 400 naming the parameter.
 */
public final class Paging {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    public static PageRequest request(Integer page, Integer size, String sort, Set<String> sortable, Sort defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw InvalidRequestException.of("page", "page-min");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw InvalidRequestException.of("size", "size-range", MAX_SIZE);
        }
        return PageRequest.of(p, s, sort == null || sort.isBlank() ? defaultSort : parseSort(sort, sortable));
    }

    private static Sort parseSort(String sort, Set<String> sortable) {
        String[] parts = sort.split(",");
        String field = parts[0].trim();
        if (!sortable.contains(field) || parts.length > 2) {
            throw InvalidRequestException.of("sort", "sort-one-of", String.join(", ", new java.util.TreeSet<>(sortable)));
        }
        Sort.Direction direction = Sort.Direction.ASC;
        if (parts.length == 2) {
            direction = Sort.Direction.fromOptionalString(parts[1].trim())
                    .orElseThrow(() -> InvalidRequestException.of("sort", "sort-direction"));
        }
        return Sort.by(direction, field).and(Sort.by("_id"));
    }
}
