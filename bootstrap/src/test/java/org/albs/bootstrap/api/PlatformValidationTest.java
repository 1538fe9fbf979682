package org.albs.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.albs.bootstrap.api.PlatformBodies.platform;
import static org.albs.bootstrap.api.PlatformBodies.repo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * POST /api/v1/platforms/ with one thing wrong: always 422 with a FastAPI-shaped detail naming the field, and no
 * platform is created.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PlatformValidationTest {

    static Stream<Arguments> brokenBodies() {
        return Stream.of(
                broken("missing name", b -> b.remove("name"), "missing", "Field required", "name"),
                broken("missing type", b -> b.remove("type"), "missing", "Input should be 'rpm' or 'deb'", "type"),
                broken("type not rpm|deb", b -> b.put("type", "zip"), "literal_error", "Input should be 'rpm' or 'deb'", "type"),
                broken("missing distr_type", b -> b.remove("distr_type"), "missing", "Field required", "distr_type"),
                broken("blank distr_type", b -> b.put("distr_type", " "), "value_error", "must not be blank", "distr_type"),
                broken("missing distr_version", b -> b.remove("distr_version"), "missing", "Field required", "distr_version"),
                broken("missing arch_list", b -> b.remove("arch_list"), "missing", "Field required", "arch_list"),
                broken("empty arch_list", b -> b.put("arch_list", List.of()), "too_short", "List should have at least 1 item", "arch_list"),
                broken("bad arch", b -> b.put("arch_list", List.of("x86 64")), "value_error", "not an architecture name: x86 64", "arch_list", 0),
                broken("null arch", b -> b.put("arch_list", Arrays.asList("x86_64", null)), "value_error", "not an architecture name: null", "arch_list", 1),
                broken("bad copy_priority_arches", b -> b.put("copy_priority_arches", List.of("X86_64")), "value_error", "not an architecture name: X86_64", "copy_priority_arches", 0),
                broken("name with spaces", b -> b.put("name", "Alma Linux"), "value_error", "name may hold letters, digits, '.', '_', '+' and '-' only", "name"),
                broken("name too long", b -> b.put("name", "A".repeat(101)), "string_too_long", "at most 100 characters", "name"),
                broken("repo without name", b -> repo0(b).remove("name"), "missing", "Field required", "repos", 0, "name"),
                broken("repo without arch", b -> repo0(b).remove("arch"), "missing", "Field required", "repos", 0, "arch"),
                broken("repo without url", b -> repo0(b).remove("url"), "missing", "Field required", "repos", 0, "url"),
                broken("repo without type", b -> repo0(b).remove("type"), "missing", "Field required", "repos", 0, "type"),
                broken("repo with bad arch", b -> repo0(b).put("arch", "x86-64"), "value_error", "not an architecture name", "repos", 0, "arch"),
                broken("repo with priority out of range", b -> repo0(b).put("priority", 5000), "value_error", "priority must be between 0 and 1000", "repos", 0, "priority"),
                broken("repo that is null", b -> b.put("repos", Arrays.asList((Object) null)), "dict_type", "Input should be a valid dictionary", "repos", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBodies")
    void brokenBodyIsUnprocessable(String what, Consumer<Map<String, Object>> breakIt, String type, String msg,
                                   List<Object> loc) {
        String name = Api.unique("Invalid");
        Map<String, Object> body = platform(name, repo(name + "-baseos", "x86_64"));
        breakIt.accept(body);

        Api.asAdmin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/platforms/")
                .then().statusCode(422)
                .contentType(ContentType.JSON)
                .body("detail", hasSize(1))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));

        given().when().get("/api/v1/platforms/")
                .then().statusCode(200)
                .body("findAll { it.name == '" + name + "' }", empty());
    }

    static Stream<Arguments> wronglyTypedJson() {
        String valid = "\"name\": \"%s\", \"type\": \"rpm\", \"distr_type\": \"rhel\", \"distr_version\": \"10\"";
        return Stream.of(
                Arguments.of("arch_list is a string", "{" + valid + ", \"arch_list\": \"x86_64\"}",
                        "type_error", "Input should be a valid list", List.of("body", "arch_list")),
                Arguments.of("data is a list", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"data\": [1]}",
                        "type_error", "Input should be a valid dictionary", List.of("body", "data")),
                Arguments.of("is_reference is not a boolean", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"is_reference\": \"maybe\"}",
                        "type_error", "Input should be a valid boolean", List.of("body", "is_reference")),
                Arguments.of("priority is not a number", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"priority\": \"high\"}",
                        "type_error", "Input should be a valid integer", List.of("body", "priority")),
                Arguments.of("repos is an object", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"repos\": {\"name\": \"r\"}}",
                        "type_error", "Input should be a valid list", List.of("body", "repos")),
                Arguments.of("a repo is a string", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"repos\": [\"baseos\"]}",
                        "type_error", "Input should be a valid dictionary", List.of("body", "repos", 0)),
                Arguments.of("a repo's debug is not a boolean", "{" + valid + ", \"arch_list\": [\"x86_64\"], \"repos\": [{\"name\": \"r\", \"arch\": \"x86_64\", \"url\": \"u\", \"type\": \"rpm\", \"debug\": [true]}]}",
                        "type_error", "Input should be a valid boolean", List.of("body", "repos", 0, "debug")),
                Arguments.of("name is an object", "{\"name\": {\"first\": \"x\"}, \"type\": \"rpm\", \"distr_type\": \"rhel\", \"distr_version\": \"10\", \"arch_list\": [\"x86_64\"]}",
                        "type_error", "Input should be a valid string", List.of("body", "name")),
                Arguments.of("body is a list", "[{" + valid + "}]",
                        "type_error", "Input should be a valid dictionary", List.of("body")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wronglyTypedJson")
    void wronglyTypedJsonIsUnprocessable(String what, String json, String type, String msg, List<Object> loc) {
        String name = Api.unique("Typed");
        Api.asAdmin().contentType(ContentType.JSON).body(json.replace("%s", name))
                .when().post("/api/v1/platforms/")
                .then().statusCode(422)
                .contentType(ContentType.JSON)
                .body("detail", hasSize(1))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));

        given().when().get("/api/v1/platforms/")
                .then().statusCode(200)
                .body("findAll { it.name == '" + name + "' }", empty());
    }

    @org.junit.jupiter.api.Test
    void malformedJsonIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON).body("{\"name\": \"Broken\", \"type\": ")
                .when().post("/api/v1/platforms/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("json_invalid"))
                .body("detail[0].msg", startsWith("JSON decode error"));
    }

    @org.junit.jupiter.api.Test
    void emptyBodyIsUnprocessable() {
        Api.asAdmin().contentType(ContentType.JSON)
                .when().post("/api/v1/platforms/")
                .then().statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", contains("body"))
                .body("detail[0].type", equalTo("missing"))
                .body("detail[0].msg", equalTo("Field required"));
    }

    private static Arguments broken(String what, Consumer<Map<String, Object>> breakIt, String type, String msg,
                                    Object... locAfterBody) {
        List<Object> loc = new java.util.ArrayList<>();
        loc.add("body");
        loc.addAll(List.of(locAfterBody));
        return Arguments.of(what, breakIt, type, msg, loc);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> repo0(Map<String, Object> body) {
        return (Map<String, Object>) ((List<Object>) body.get("repos")).get(0);
    }
}
