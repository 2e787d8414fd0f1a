package cn.hongqiao.samecity.publicservices.items;


import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.defaults.web.Sortable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code /api/v1/service-items}: the 跨省通办 catalogue. Reads are public; officers catalogue items. */
@Tag(name = "service-items")
@RestController
@RequestMapping("/api/v1/service-items")
class ServiceItemController {

    private final ServiceItemRepository items;

    ServiceItemController(ServiceItemRepository items) {
        this.items = items;
    }

    /** Lists the 跨省通办 catalogue, filtered by partner region (GB/T 2260), handling mode, department and name, a page at a time. */
    @GetMapping
    PageView<ServiceItemView> listServiceItems(
            @RequestParam(required = false) @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String partnerRegion,
            @RequestParam(required = false) HandlingMode handlingMode,
            @RequestParam(required = false) @Size(max = 60) String department,
            @RequestParam(required = false) @Size(max = 50) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @Sortable({ "code", "name", "department", "promisedLimitDays" }) String sort) {
        var pageable = Paging.request(page, size, sort, Sort.by("code"), "code");
        return PageView.of(items.search(new ServiceItemSearch.Filter(partnerRegion, handlingMode, department, name), pageable),
                ServiceItemView::of);
    }

    /** One service item with its materials and time limits (working days). */
    @GetMapping("/{id}")
    @Answers(headers = Answers.ETAG)
    ResponseEntity<ServiceItemView> getServiceItem(@PathVariable String id) {
        ServiceItem item = items.findById(id).orElseThrow(() -> new NotFoundException("service-item", id));
        return ResponseEntity.ok().eTag(ETags.of(item.version())).body(ServiceItemView.of(item));
    }

    /** Catalogues a service item; its code is unique and its promised time limit may not exceed the legal one. */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(status = 201, headers = { Answers.LOCATION, Answers.ETAG }, problems = "already-exists")
    ResponseEntity<ServiceItemView> catalogueServiceItem(@Valid @RequestBody NewServiceItem request, UriComponentsBuilder uri) {
        if (items.existsByCode(request.code())) {
            throw ConflictException.alreadyExists("service-item.code-exists", request.code());
        }
        ServiceItem saved = items.save(ServiceItem.catalogue(request));
        return ResponseEntity.created(uri.path("/api/v1/service-items/{id}").buildAndExpand(saved.id()).toUri())
                .eTag(ETags.of(saved.version())).body(ServiceItemView.of(saved));
    }
}
