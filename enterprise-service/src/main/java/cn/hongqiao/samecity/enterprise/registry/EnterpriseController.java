package cn.hongqiao.samecity.enterprise.registry;


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
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code /api/v1/enterprises}: the registry. Reads are public; officers register. */
@Tag(name = "enterprises")
@RestController
@RequestMapping("/api/v1/enterprises")
class EnterpriseController {

    private final EnterpriseRepository enterprises;

    EnterpriseController(EnterpriseRepository enterprises) {
        this.enterprises = enterprises;
    }

    /**
     * Lists the enterprises of the registry, filtered by credit code, kind, parent group, origin
     * region (GB/T 2260), industry chain, settled project and name, a page at a time.
     */
    @GetMapping
    PageView<EnterpriseView> listEnterprises(
            @RequestParam(required = false) @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}", message = "{rule.credit-code-format}") String creditCode,
            @RequestParam(required = false) EnterpriseKind kind,
            @RequestParam(required = false) @Size(max = 100) String parentGroup,
            @RequestParam(required = false) @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String originRegion,
            @RequestParam(required = false) @Size(max = 40) String chain,
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.project-id}") String settledProject,
            @RequestParam(required = false) @Size(max = 50) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @Sortable({ "name", "creditCode", "kind", "createdAt" }) String sort) {
        var pageable = Paging.request(page, size, sort, Sort.by("name"));
        return PageView.of(enterprises.search(new EnterpriseSearch.Filter(creditCode, kind, parentGroup, originRegion, chain, settledProject, name), pageable),
                EnterpriseView::of);
    }

    /** One enterprise, with its settlement. */
    @GetMapping("/{id}")
    @Answers(headers = Answers.ETAG)
    ResponseEntity<EnterpriseView> getEnterprise(@PathVariable String id) {
        Enterprise enterprise = enterprises.findById(id).orElseThrow(() -> new NotFoundException("enterprise", id));
        return ResponseEntity.ok().eTag(ETags.of(enterprise.version())).body(EnterpriseView.of(enterprise));
    }

    /**
     * Revises an enterprise: officers any, an enterprise user its own (its token's
     * {@code enterpriseId}); needs the {@code If-Match} of the version read (428 without, 412 if stale).
     */
    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN') or (hasRole('ENTERPRISE') and #id == principal.getClaimAsString('enterpriseId'))")
    @Answers(headers = Answers.ETAG, problems = "concurrent-modification")
    ResponseEntity<EnterpriseView> reviseEnterprise(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody EnterpriseDetails details) {
        Enterprise enterprise = enterprises.findById(id).orElseThrow(() -> new NotFoundException("enterprise", id));
        ETags.requireCurrent(ifMatch, enterprise.version());
        enterprise.revise(details);
        Enterprise saved = enterprises.save(enterprise);
        return ResponseEntity.ok().eTag(ETags.of(saved.version())).body(EnterpriseView.of(saved));
    }

    /** Registers an enterprise; its unified social credit code (GB 32100-2015) must pass the check character and be unique. */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(status = 201, headers = { Answers.LOCATION, Answers.ETAG }, problems = "already-exists")
    ResponseEntity<EnterpriseView> registerEnterprise(@Valid @RequestBody NewEnterprise request, UriComponentsBuilder uri) {
        if (enterprises.existsByCreditCode(request.creditCode())) {
            throw ConflictException.alreadyExists("enterprise.credit-code-exists", request.creditCode());
        }
        Enterprise saved = enterprises.save(Enterprise.register(request));
        return ResponseEntity.created(uri.path("/api/v1/enterprises/{id}").buildAndExpand(saved.id()).toUri())
                .eTag(ETags.of(saved.version())).body(EnterpriseView.of(saved));
    }
}
