package cn.hongqiao.samecity.defaults;

import cn.hongqiao.samecity.defaults.problem.Problems;
import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error a service answers is an RFC 9457 problem, whatever went wrong. */
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.security.public-get=/api/v1/widgets/**", "platform.http.max-body-size=2KB",
        "spring.application.name=defaults-test" })
@AutoConfigureMockMvc
class ProblemDetailsTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    LocalTokenIssuer issuer;
    @Autowired
    MongoTemplate mongo;

    String officer;

    @BeforeEach
    void setUp() {
        mongo.remove(new Query(), "widgets");
        officer = "Bearer " + issuer.issue("officer", null).accessToken();
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static void assertProblem(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
        assertThat(result.getResponse().getContentAsByteArray()).asString().doesNotContain("Exception", "at cn.", "at org.");
    }

    /** A problem a portal can branch on: its stable code, the type made of it, and a title in the caller's language. */
    private static void assertProblem(MvcTestResult result, int status, String code, String title) {
        assertProblem(result, status);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo(code);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(Problems.TYPE_BASE + code);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
    }

    @Test
    void problemsSpeakChineseByDefaultAndEnglishWhenAsked() {
        MvcTestResult chinese = mvc.get().uri("/api/v1/widgets/W-404").exchange();
        assertProblem(chinese, 404, "not-found", "未找到");
        assertThat(chinese).bodyJson().extractingPath("$.detail").isEqualTo("未找到小部件“W-404”。");
        assertThat(chinese).headers().hasValue(HttpHeaders.CONTENT_LANGUAGE, "zh-CN");

        MvcTestResult english = mvc.get().uri("/api/v1/widgets/W-404").header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.8").exchange();
        assertProblem(english, 404, "not-found", "Not found");
        assertThat(english).bodyJson().extractingPath("$.detail").isEqualTo("No widget W-404.");
        assertThat(english).headers().hasValue(HttpHeaders.CONTENT_LANGUAGE, "en");

        MvcTestResult french = mvc.get().uri("/api/v1/widgets/W-404").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR").exchange();
        assertProblem(french, 404, "not-found", "未找到");
    }

    @Test
    void fieldMessagesBeanValidationsIncludedFollowTheLanguage() {
        MvcTestResult chinese = post("{\"code\": \"W\", \"name\": \"\", \"extra\": 1}");
        assertProblem(chinese, 400, "invalid-request", "请求参数有误");
        assertThat(chinese).bodyJson().extractingPath("$.errors[0].message").isEqualTo("未知字段“extra”");
        MvcTestResult blank = post("{\"code\": \"W\", \"name\": \"\"}");
        assertThat(blank).bodyJson().extractingPath("$.errors[0].message").isEqualTo("不能为空");

        MvcTestResult english = mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, officer)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W\", \"name\": \"\"}").exchange();
        assertProblem(english, 400, "invalid-request", "Invalid request");
        assertThat(english).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must not be blank");
    }

    @Test
    void everyKindOfErrorHasItsOwnCode() {
        assertProblem(mvc.delete().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, officer).exchange(),
                405, "method-not-allowed", "不支持的请求方法");
        assertProblem(mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.TEXT_PLAIN).content("hello").exchange(), 415, "unsupported-media-type", "不支持的正文格式");
        assertProblem(mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON).content("{}").exchange(),
                401, "authentication-required", "需要登录");
        assertProblem(mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token")
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange(), 401, "invalid-token", "登录已失效");
        assertProblem(mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("citizen", null).accessToken())
                .content("{}").exchange(), 403, "forbidden", "无权操作");
        assertProblem(post("{\"code\": \"W\", \"name\": \"" + "x".repeat(3000) + "\"}"), 413, "body-too-large", "请求正文过大");
        assertProblem(mvc.get().uri("/api/v1/widgets/boom").exchange(), 500, "internal-error", "系统内部错误");
        post("{\"code\": \"W-2\", \"name\": \"two\"}");
        assertProblem(post("{\"code\": \"W-2\", \"name\": \"again\"}"), 409, "already-exists", "记录已存在");
        MvcTestResult stale = mvc.put().uri("/api/v1/widgets/W-2").header(HttpHeaders.AUTHORIZATION, officer)
                .header(HttpHeaders.IF_MATCH, "\"7\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W-2\", \"name\": \"three\"}").exchange();
        assertProblem(stale, 412, "stale-version", "版本已过期");
        assertThat(stale).bodyJson().extractingPath("$.detail").isEqualTo("If-Match \"7\" 不是当前版本 \"0\"；请重新读取后再次修改。");
        assertProblem(mvc.put().uri("/api/v1/widgets/W-2").header(HttpHeaders.AUTHORIZATION, officer)
                .header("X-Stale-Version", "5").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W-2\", \"name\": \"three\"}").exchange(), 409, "concurrent-modification", "记录已被他人修改");
    }

    @Test
    void validationNamesEveryInvalidField() {
        MvcTestResult result = post("{\"code\": \"\", \"name\": \"\", \"price\": -1}");
        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("code", "name", "price");
        assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/api/v1/widgets");
    }

    @Test
    void malformedJsonWrongTypesAndUnknownFieldsAre400s() {
        assertProblem(post("{\"code\": "), 400);
        MvcTestResult wrongType = post("{\"code\": \"W\", \"name\": \"n\", \"price\": \"cheap\"}");
        assertProblem(wrongType, 400);
        assertThat(wrongType).bodyJson().extractingPath("$.errors[0].field").isEqualTo("price");
        MvcTestResult unknown = post("{\"code\": \"W\", \"name\": \"n\", \"owner.name\": \"x\"}");
        assertProblem(unknown, 400);
        assertThat(unknown).bodyJson().extractingPath("$.errors[0].field").isEqualTo("owner.name");
        assertThat(mongo.count(new Query(), "widgets")).isZero();
    }

    @Test
    void wrongMediaTypeWrongMethodAndUnknownPathAreProblems() {
        assertProblem(mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.TEXT_PLAIN).content("hello").exchange(), 415);
        assertProblem(mvc.delete().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, officer).exchange(), 405);
        assertProblem(mvc.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, officer).exchange(), 404);
        assertProblem(mvc.get().uri("/api/v1/widgets/none").exchange(), 404);
    }

    @Test
    void anOversizeBodyIs413AndIsNotRead() {
        String big = "{\"code\": \"W\", \"name\": \"" + "x".repeat(3000) + "\"}";
        assertProblem(post(big), 413);
    }

    @Test
    void aStaleIfMatchIs412AndAStaleVersionIs409() {
        post("{\"code\": \"W-1\", \"name\": \"one\"}");
        MvcTestResult wrongTag = mvc.put().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, officer)
                .header(HttpHeaders.IF_MATCH, "\"7\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W-1\", \"name\": \"two\"}").exchange();
        assertProblem(wrongTag, 412);

        MvcTestResult staleWrite = mvc.put().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, officer)
                .header("X-Stale-Version", "5").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W-1\", \"name\": \"two\"}").exchange();
        assertProblem(staleWrite, 409);

        MvcTestResult current = mvc.put().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, officer)
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"W-1\", \"name\": \"two\"}").exchange();
        assertThat(current).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/widgets/W-1").exchange()).headers().hasValue(HttpHeaders.ETAG, "\"1\"");
    }

    @Test
    void aDuplicateUniqueKeyIs409() {
        assertThat(post("{\"code\": \"W-1\", \"name\": \"one\"}")).hasStatusOk();
        assertProblem(post("{\"code\": \"W-1\", \"name\": \"again\"}"), 409);
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() {
        MvcTestResult result = mvc.get().uri("/api/v1/widgets/boom").exchange();
        assertProblem(result, 500);
        assertThat(result.getResponse().getContentAsByteArray()).asString().doesNotContain("secret");
    }

    @Test
    void securityAnswersWithProblemsToo() {
        MvcTestResult anonymous = mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON).content("{}").exchange();
        assertProblem(anonymous, 401);
        MvcTestResult citizen = mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("citizen", null).accessToken())
                .content("{\"code\": \"W-9\", \"name\": \"n\"}").exchange();
        assertProblem(citizen, 403);
        MvcTestResult citizenWithBadBody = mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("citizen", null).accessToken())
                .content("{\"code\": \"\", \"price\": -1}").exchange();
        assertThat(citizenWithBadBody).as("the role is checked before the body is validated").hasStatus(403);
        assertThat(citizenWithBadBody.getResponse().getContentAsByteArray()).asString().doesNotContain("errors");
        assertThat(mongo.count(new Query(), "widgets")).isZero();
    }

    @Test
    void healthGroupsPrometheusAndApiDocsAreServed() {
        assertThat(mvc.get().uri("/actuator/health/liveness").exchange()).hasStatusOk();
        MvcTestResult readiness = mvc.get().uri("/actuator/health/readiness").exchange();
        assertThat(readiness).hasStatusOk().bodyJson().extractingPath("$.components.database.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/startup").exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/prometheus").exchange()).hasStatusOk()
                .bodyText().contains("http_server_requests");
        assertThat(mvc.get().uri("/v3/api-docs").exchange()).hasStatusOk().bodyJson()
                .extractingPath("$.components.securitySchemes.bearer-jwt.scheme").isEqualTo("bearer");
    }
}
