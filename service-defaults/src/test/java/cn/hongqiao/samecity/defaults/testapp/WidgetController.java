package cn.hongqiao.samecity.defaults.testapp;

import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/widgets")
class WidgetController {

    private final MongoTemplate mongo;

    WidgetController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/{code}")
    ResponseEntity<Widget.NewWidget> get(@PathVariable String code) {
        Widget w = find(code);
        return ResponseEntity.ok().eTag(ETags.of(w.version)).body(new Widget.NewWidget(w.code, w.name, w.price));
    }

    @PostMapping
    @PreAuthorize("hasRole('OFFICER')")
    Widget.NewWidget create(@Valid @RequestBody Widget.NewWidget body) {
        mongo.insert(Widget.of(body));
        return body;
    }

    /** Renames; {@code staleVersion} lets a test write with an old version, as a concurrent writer would. */
    @PutMapping("/{code}")
    @PreAuthorize("hasRole('OFFICER')")
    Widget.NewWidget rename(@PathVariable String code, @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestHeader(name = "X-Stale-Version", required = false) Long staleVersion, @Valid @RequestBody Widget.NewWidget body) {
        Widget w = find(code);
        ETags.requireMatch(ifMatch, w.version);
        if (staleVersion != null) {
            w.version = staleVersion;
        }
        w.name = body.name();
        mongo.save(w);
        return body;
    }

    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    private Widget find(String code) {
        Widget w = mongo.findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("code").is(code)), Widget.class);
        if (w == null) {
            throw new NotFoundException("widget", code);
        }
        return w;
    }
}
