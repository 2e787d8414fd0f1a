package cn.hongqiao.samecity.projects.project;

import java.util.Set;

import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import jakarta.validation.Valid;
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

/** {@code /api/v1/projects}: the district's key projects. Reads are public; officers register. */
@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private static final Set<String> SORTABLE = Set.of("code", "name", "zone", "stage", "totalInvestment", "plannedStart", "createdAt");

    private final ProjectRepository projects;

    ProjectController(ProjectRepository projects) {
        this.projects = projects;
    }

    @GetMapping
    PageView<ProjectView> list(@RequestParam(required = false) Zone zone, @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) Category category, @RequestParam(required = false) @Size(max = 50) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort) {
        var pageable = Paging.request(page, size, sort, SORTABLE, Sort.by("code"));
        return PageView.of(projects.search(new ProjectSearch.Filter(zone, stage, category, name), pageable), ProjectView::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<ProjectView> get(@PathVariable String id) {
        Project project = projects.findById(id).orElseThrow(() -> new NotFoundException("project", id));
        return ResponseEntity.ok().eTag(ETags.of(project.version())).body(ProjectView.of(project));
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    ResponseEntity<ProjectView> register(@Valid @RequestBody NewProject request, UriComponentsBuilder uri) {
        if (projects.existsByCode(request.code())) {
            throw new ConflictException("Already exists", "A project with code " + request.code() + " already exists.");
        }
        Project saved = projects.save(Project.register(request));
        return ResponseEntity.created(uri.path("/api/v1/projects/{id}").buildAndExpand(saved.id()).toUri())
                .eTag(ETags.of(saved.version())).body(ProjectView.of(saved));
    }
}
