package cn.hongqiao.samecity.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What an answer must keep of its operation in the document, as a portal's generated client relies on it. */
class ApiContractTest {

    static ApiContract contract;

    @BeforeAll
    static void aDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("doc.json");
        Files.writeString(file, """
                {"paths": {
                  "/things/{id}": {"get": {"operationId": "getThing", "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "404": {"content": {"application/problem+json": {"schema": {"type": "object"}}}},
                    "414": {"$ref": "#/components/responses/UriTooLong"}}}},
                  "/things": {"get": {"operationId": "listThings", "responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}},
                    "required": ["items"]}}}}}}}},
                 "components": {
                  "responses": {"UriTooLong": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}},
                  "schemas": {
                   "Thing": {"type": "object", "required": ["id", "note", "stage"], "properties": {
                     "id": {"type": "string", "pattern": "^[0-9a-f]{4}$"},
                     "note": {"type": ["string", "null"]},
                     "stage": {"$ref": "#/components/schemas/Stage"},
                     "holder": {"oneOf": [{"$ref": "#/components/schemas/Holder"}, {"type": "null"}]}}},
                   "Stage": {"type": "string", "enum": ["PLANNING", "IN_USE"]},
                   "Holder": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"since": {"type": "string", "format": "date"}}}]},
                   "Base": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}}
                """, StandardCharsets.UTF_8);
        contract = ApiContract.of(file);
    }

    static java.util.List<String> answer(String path, int status, String json) {
        return contract.violations("GET", path, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerAsDocumentedKeepsIt() {
        assertThat(answer("/things/ab12", 200, """
                {"id": "ab12", "note": null, "stage": "PLANNING", "holder": {"name": "某公司", "since": "2025-07-01"}}""")).isEmpty();
        assertThat(answer("/things", 200, "{\"items\": []}")).isEmpty();
    }

    @Test
    void aMissingRequiredMemberANullNeverPromisedAndAnUndeclaredMemberBreakIt() {
        assertThat(answer("/things/ab12", 200, """
                {"note": "x", "stage": null, "extra": 1}"""))
                .anyMatch(v -> v.contains("$.id is missing"))
                .anyMatch(v -> v.contains("$.stage is null"))
                .anyMatch(v -> v.contains("$.extra is not in the document"))
                .allMatch(v -> v.startsWith("GET /things/{id} (getThing) answered 200"));
    }

    @Test
    void wrongTypesEnumsPatternsAndDatesBreakIt() {
        assertThat(answer("/things", 200, """
                {"items": [{"id": "XYZ", "note": 3, "stage": "DONE", "holder": {"name": "某公司", "since": "7/1/2025"}}]}"""))
                .anyMatch(v -> v.contains("$.items[0].id \"XYZ\" does not match"))
                .anyMatch(v -> v.contains("$.items[0].note is NUMBER"))
                .anyMatch(v -> v.contains("$.items[0].stage is \"DONE\", not one of"))
                .anyMatch(v -> v.contains("$.items[0].holder matches none of its oneOf"));
    }

    @Test
    void aMemberOfAnyPartOfAnAllOfIsDeclared() {
        assertThat(answer("/things/ab12", 200, """
                {"id": "ab12", "note": null, "stage": "IN_USE", "holder": {"since": "2025-07-01"}}"""))
                .singleElement().asString().contains("holder matches none").contains("name is missing");
    }

    @Test
    void anUndocumentedStatusOrMediaTypeBreaksItAndASharedResponseCounts() {
        assertThat(answer("/things/ab12", 500, "{}")).singleElement().asString().endsWith("the status is not documented");
        assertThat(contract.violations("GET", "/things/ab12", 404, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("text/html, but the document states [application/problem+json]");
        assertThat(contract.violations("GET", "/things/ab12", 414, "application/problem+json", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void aRequestNoOperationServesIsNotJudged() {
        assertThat(answer("/actuator/health", 200, "{\"status\": \"UP\"}")).isEmpty();
        assertThat(contract.violations("DELETE", "/things/ab12", 405, null, new byte[0])).isEmpty();
    }
}
