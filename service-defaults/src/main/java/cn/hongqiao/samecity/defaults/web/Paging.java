package cn.hongqiao.samecity.defaults.web;

import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Page requests with the platform's limits: {@code page} from 0, {@code size} 1 to
 * {@link #MAX_SIZE}, {@code sort} as {@code field} or {@code field,asc|desc} on the fields the
 * parameter's {@link Sortable} names (checked before the method runs). Anything else is a 400
 * naming the parameter.
 */
public final class Paging {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    /** A page in a fixed order. */
    public static PageRequest request(Integer page, Integer size, Sort order) {
        return request(page, size, null, order);
    }

    /**
     * A page sorted by {@code sort} (a {@link Sortable} parameter, already checked), else in the
     * default order. A sort by a field whose values repeat is followed by {@code _id}, so that pages
     * do not overlap; one by a field in {@code uniqueFields} needs no such tie-break, and gets none
     * (its unique index then serves the sort by itself).
     */
    public static PageRequest request(Integer page, Integer size, String sort, Sort defaultSort, String... uniqueFields) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw InvalidRequestException.of("page", "page-min");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw InvalidRequestException.of("size", "size-range", MAX_SIZE);
        }
        return PageRequest.of(p, s, sort == null || sort.isBlank() ? defaultSort : parseSort(sort, java.util.Set.of(uniqueFields)));
    }

    private static Sort parseSort(String sort, java.util.Set<String> uniqueFields) {
        String[] parts = sort.split(",");
        Sort.Direction direction = parts.length == 2
                ? Sort.Direction.fromOptionalString(parts[1].trim()).orElseThrow(() -> InvalidRequestException.of("sort", "sort-direction"))
                : Sort.Direction.ASC;
        Sort by = Sort.by(direction, parts[0].trim());
        return uniqueFields.contains(parts[0].trim()) ? by : by.and(Sort.by("_id"));
    }
}
