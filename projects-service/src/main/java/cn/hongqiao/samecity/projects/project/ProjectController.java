package cn.hongqiao.samecity.projects.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.web.ListView;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.defaults.web.Sortable;
import cn.hongqiao.samecity.projects.enterprises.SettledEnterprises;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
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
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/projects}: the district's key projects. Reads are public; officers register and
 * revise them (revisions need {@code If-Match}), and move them through their stages only by
 * posting a stage transition.
 */
@Tag(name = "projects")
@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    record TransitionRequest(@NotNull Stage targetStage, @NotNull LocalDate date, @Size(max = 500) @Nullable String note) {
    }

    record TransitionView(Stage from, String fromName, Stage to, String toName, LocalDate date, @Nullable String note,
            String recordedBy, java.time.Instant recordedAt) {
        static TransitionView of(StageTransition t) {
            return new TransitionView(t.from(), t.from().label(), t.to(), t.to().label(), t.date(), t.note(),
                    t.recordedBy(), t.recordedAt());
        }
    }

    /** A project's detail: the project, and the enterprises settled in it. */
    record ProjectDetailView(@JsonUnwrapped ProjectView project, SettledEnterprises.Section settledEnterprises) {
    }

    private final ProjectRepository projects;
    private final SettledEnterprises settled;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectController(ProjectRepository projects, SettledEnterprises settled, ApplicationEventPublisher events, Clock clock) {
        this.projects = projects;
        this.settled = settled;
        this.events = events;
        this.clock = clock;
    }

    /** Lists the key projects, filtered by zone, stage, category and name (contains, literal), a page at a time. */
    @GetMapping
    PageView<ProjectView> listProjects(@RequestParam(required = false) Zone zone, @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) Category category, @RequestParam(required = false) @Size(max = 50) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @Sortable({ "code", "name", "zone", "stage", "totalInvestment", "plannedStart", "createdAt" }) String sort) {
        var pageable = Paging.request(page, size, sort, Sort.by("code"), "code");
        return PageView.of(projects.search(new ProjectSearch.Filter(zone, stage, category, name), pageable), ProjectView::of);
    }

    /** One project, with the enterprises settled in it (from enterprise-service, or marked unavailable). */
    @GetMapping("/{id}")
    @Answers(headers = Answers.ETAG)
    ResponseEntity<ProjectDetailView> getProject(@PathVariable String id) {
        Project project = find(id);
        return ResponseEntity.ok().eTag(ETags.of(project.version()))
                .body(new ProjectDetailView(ProjectView.of(project), settled.of(id)));
    }

    /** Registers a key project; its {@code code} is unique (409 if taken). */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(status = 201, headers = { Answers.LOCATION, Answers.ETAG }, problems = "already-exists")
    ResponseEntity<ProjectView> registerProject(@Valid @RequestBody NewProject request, UriComponentsBuilder uri) {
        if (projects.existsByCode(request.code())) {
            throw ConflictException.alreadyExists("project.code-exists", request.code());
        }
        Project saved = projects.save(Project.register(request));
        events.publishEvent(new ProjectChanged(saved.id()));
        return ResponseEntity.created(uri.path("/api/v1/projects/{id}").buildAndExpand(saved.id()).toUri())
                .eTag(ETags.of(saved.version())).body(ProjectView.of(find(saved.id())));
    }

    /** Revises what describes a project; needs the {@code If-Match} of the version read (428 without, 412 if stale). */
    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(headers = Answers.ETAG, problems = "concurrent-modification")
    ResponseEntity<ProjectView> reviseProject(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody ProjectDetails details) {
        Project project = find(id);
        ETags.requireCurrent(ifMatch, project.version());
        project.revise(details);
        Project saved = projects.save(project);
        events.publishEvent(new ProjectChanged(id));
        return ResponseEntity.ok().eTag(ETags.of(saved.version())).body(ProjectView.of(find(id)));
    }

    /** Moves a project to another stage; an illegal move is a 409 naming the allowed stages. */
    @PostMapping("/{id}/stage-transitions")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(status = 201, headers = Answers.ETAG, problems = { "illegal-stage-transition", "concurrent-modification" })
    ResponseEntity<ProjectView> moveProjectStage(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TransitionRequest request, Authentication caller) {
        Project project = find(id);
        ETags.requireMatch(ifMatch, project.version());
        project.moveTo(request.targetStage(), request.date(), request.note(), caller.getName(), clock);
        Project saved = projects.save(project);
        events.publishEvent(new ProjectChanged(id));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(saved.version())).body(ProjectView.of(find(id)));
    }

    /** A project's stage history, oldest first. */
    @GetMapping("/{id}/stage-transitions")
    ListView<TransitionView> listStageTransitions(@PathVariable String id) {
        return ListView.of(find(id).transitions().stream().map(TransitionView::of).toList());
    }

    private Project find(String id) {
        return projects.findById(id).orElseThrow(() -> new NotFoundException("project", id));
    }
}
