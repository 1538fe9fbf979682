package org.albs.bootstrap.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The calls albs-frontend makes (docs/frontend-calls.md §2, errata #50–59, test repositories #60–66, docs #67, the
 * AlmaLinux ID login #2 and module preview #24 left out) with every field it reads from the answer, as it spells the
 * path, and which test shows it. Read from the UI's {@code src/} at commit 12127267.
 *
 * <p>A field is {@code path:type}. The path is dotted; {@code x[]} is every element of the list {@code x}, which must
 * not be empty (the fixture makes one), {@code x[*]} every element of a list that may be empty; a leading {@code []}
 * is the answer itself as a list. Types: {@code n} number, {@code s} string, {@code b} boolean, {@code a} list,
 * {@code o} object, a trailing {@code ?} also null, a trailing {@code -} also null or absent (the UI reads it only
 * when it is there); {@code *} anything present.
 */
final class UiCalls {
    /** One call: its number in docs/frontend-calls.md, what the UI sends, what it reads, and the test showing it. */
    record Call(int number, String request, List<String> reads, String shownBy) {
    }

    static final String HERE = "UiCallsTest";
    static final String LOCAL = "UiTestLogsAndReleaseTest";

    private static final Map<Integer, Call> CALLS = new LinkedHashMap<>();

    private static void call(int number, String request, String shownBy, String... reads) {
        CALLS.put(number, new Call(number, request, List.of(reads), shownBy));
    }

    static {
        // ---- auth and users ------------------------------------------------------------------------------------
        call(1, "GET /auth/github/authorize (Bearer null)", HERE, "authorization_url:s");
        call(3, "GET /users/all_users (Bearer null, and logged in)", HERE,
                "[].id:n", "[].username:s", "[].email:s?", "[].is_superuser:b", "[].is_active:b");
        call(4, "PUT /users/{id} {is_active, is_verified, id}", HERE);
        call(5, "DELETE /users/{id}/remove", HERE);
        call(6, "GET /users/{id}/roles", HERE, "[].id:n");
        call(7, "PATCH /users/{id}/roles/add [role ids]", HERE);
        call(8, "PATCH /users/{id}/roles/remove [role ids]", HERE);
        call(9, "GET /users/{sub}/teams", HERE, "[].id:n", "[].name:s");
        // ---- teams and roles -----------------------------------------------------------------------------------
        call(10, "GET /teams/?pageNumber=1", HERE, "teams[].id:n", "teams[].name:s", "teams[].owner.email:s?",
                "teams[].owner.username:s", "teams[].products:a", "teams[].members:a", "total_teams:n");
        call(11, "GET /teams/{id}/", HERE, "id:n", "name:s", "owner.id:n", "owner.email:s?", "owner.username:s",
                "members[].id:n", "members[].username:s", "members[].email:s?", "products[*].id:n",
                "products[*].name:s", "products[*].title:s?", "roles[].id:n", "roles[].name:s");
        call(12, "POST /teams/create/ {team_name, user_id: sub as a string}", HERE);
        call(13, "POST /teams/{id}/members/add/ {members_to_update: [all_users rows]}", HERE, "id:n", "name:s",
                "owner.id:n", "owner.username:s", "members[].id:n", "members[].username:s", "members[].email:s?",
                "products[*].id:n", "roles[].id:n", "roles[].name:s");
        call(14, "POST /teams/{id}/members/remove/ {members_to_update: [rows]}", HERE, "id:n", "name:s",
                "owner.username:s", "members[].id:n", "members[].username:s", "roles[].name:s");
        call(15, "DELETE /teams/{id}/remove/ and /teams/{id}/remove", HERE);
        call(16, "GET /roles/", HERE, "[].id:n", "[].name:s");
        // ---- platforms, flavours, projects ---------------------------------------------------------------------
        call(17, "GET /platforms/ (Bearer null)", HERE, "[].id:n", "[].name:s", "[].arch_list:a", "[].modularity:*",
                "[].data:o?");
        call(18, "GET /platform_flavors/ (Bearer null)", "UiBuildFeedApiTest.flavoursAreListedPubliclyWithWhatThePlannerReads",
                "[].id:n", "[].name:s", "[].modularity:*", "[].data.versions[].name:s");
        call(19, "GET /projects/alma", "ProjectApiTest.wellFormedIndexIsListedInUpstreamShape",
                "[].name:s", "[].clone_url:s", "[].tags:a", "[].branches:a");
        call(20, "GET /projects/alma/modularity", "ProjectApiTest.wellFormedIndexIsListedInUpstreamShape",
                "[].name:s", "[].clone_url:s", "[].tags:a", "[].branches:a");
        // ---- builds and tests ----------------------------------------------------------------------------------
        call(21, "GET /builds/?pageNumber=1&created_by={id} (Bearer null)", HERE, "builds[].id:n",
                "builds[].created_at:s", "builds[].owner.email:s?", "builds[].owner.username:s",
                "builds[].released:b", "builds[].sign_tasks[].status:n", "builds[].tasks[].id:n",
                "builds[].tasks[].index:n", "builds[].tasks[].arch:s", "builds[].tasks[].status:n",
                "builds[].tasks[].platform.name:s", "builds[].tasks[].ref.url:s", "builds[].tasks[].ref.git_ref:s",
                "builds[].tasks[].ref.ref_type:n", "builds[].tasks[].is_cas_authenticated:b?",
                "builds[].tasks[].alma_commit_cas_hash:s?", "builds[].tasks[].rpm_modules[*]:o",
                "builds[].tasks[].test_tasks[*].revision:n", "builds[].tasks[].test_tasks[*].status:n",
                "total_builds:n");
        call(22, "GET /builds/{id}/ and /builds/{id} (Bearer null)", HERE, "id:n", "created_at:s",
                "owner.username:s", "mock_options:o?", "linked_builds:a", "platform_flavors:a", "products[].id:n",
                "products[].name:s", "release_id:n?", "cancel_testing:b", "released:b", "sign_tasks[].status:n",
                "tasks[].id:n", "tasks[].index:n", "tasks[].arch:s", "tasks[].status:n", "tasks[].error:s?",
                "tasks[].platform.id:n", "tasks[].platform.name:s", "tasks[].ref.url:s", "tasks[].ref.git_ref:s",
                "tasks[].ref.ref_type:n", "tasks[].is_cas_authenticated:b?", "tasks[].is_secure_boot:b",
                "tasks[].mock_options:o?", "tasks[].rpm_modules[*]:o", "tasks[].test_tasks[*].revision:n",
                "tasks[].artifacts[].id:n", "tasks[].artifacts[].name:s", "tasks[].artifacts[].type:s",
                "tasks[].artifacts[].cas_hash:s?", "tasks[].artifacts[].meta:o?");
        call(23, "POST /builds/ (the planner's body with its left-overs)", HERE, "id:n");
        call(25, "PATCH /builds/{id}/restart-failed {}", HERE);
        call(26, "PATCH /builds/{id}/parallel-restart-failed {}", HERE);
        call(27, "PATCH /builds/{id}/cancel (no body)", HERE);
        call(28, "DELETE /builds/{id}/remove", HERE);
        call(29, "PUT /tests/build/{id}/cancel", "TestSystemLoopTest (restart and cancel), " + LOCAL);
        call(30, "PUT /tests/build/{id}/restart", "TestSystemLoopTest.restartMakesANewRevisionWhereATestFailed…");
        call(31, "PUT /tests/build_task/{id}/restart", "TestSystemLoopTest (restart)");
        call(32, "GET /tests/{build_task_id}/latest (Bearer null)", LOCAL, "[].id:n", "[].package_name:s",
                "[].package_version:s", "[].package_release:s?", "[].status:n", "[].revision:n",
                "[].alts_response.result.logs[*].name:s", "[].alts_response.result.tests:o",
                "[].alts_response.result.install_package.success:b");
        call(33, "GET /tests/{build_task_id}/logs (Bearer null)", LOCAL, "[].id:n", "[].log_name:s",
                "[].tap_results[*].test_name:s", "[].tap_results[*].status:n");
        // ---- signing -------------------------------------------------------------------------------------------
        call(34, "GET /sign-keys/", HERE, "[].id:n", "[].name:s");
        call(35, "GET /sign-tasks/?build_id={id} (Bearer null)", HERE, "[].id:n", "[].status:n",
                "[].sign_key.id:n", "[].sign_key.keyid:s", "[].sign_key.name:s", "[].log_href:s?",
                "[].error_message:s?");
        call(36, "POST /sign-tasks/ {build_id: route param as a string, sign_key_id}", HERE, "id:n", "status:n",
                "sign_key.id:n", "sign_key.keyid:s", "sign_key.name:s", "log_href:s?", "error_message:s?");
        // ---- products ------------------------------------------------------------------------------------------
        call(37, "GET /products/ (bare: the store) and /products/?search_string=&pageNumber=1 (Bearer null)", HERE,
                "[].id:n", "[].name:s", "[].title:s?");
        call(38, "POST /products/ {name, owner_id: sub string, title, description, platforms: [#17 objects]}", HERE,
                "name:s");
        call(39, "GET /products/{id}/ (Bearer null)", HERE, "name:s", "title:s?", "description:s?",
                "owner.username:s", "owner.email:s?", "platforms[].id:n", "platforms[].name:s", "team.id:n",
                "team.name:s", "builds[*].id:n", "repositories[*].id:n", "repositories[*].name:s",
                "repositories[*].url:s?");
        call(40, "POST /products/{id}/add-platforms/ [#17 objects]", HERE);
        call(41, "DELETE /products/{id}/remove/", HERE);
        call(42, "POST /products/add/{build_id}/{product name}/", HERE, "message:s");
        call(43, "POST /products/remove/{build_id}/{product name}/", HERE, "message:s");
        // ---- releases ------------------------------------------------------------------------------------------
        call(44, "GET /releases/?pageNumber=1&product_id= (Bearer null)", LOCAL, "releases[].id:n",
                "releases[].status:n", "releases[].created_at:s", "releases[].owner.email:s?",
                "releases[].owner.username:s", "releases[].product.id:n", "releases[].product.name:s",
                "releases[].plan.packages[].package.build_id:n", "releases[].plan.packages[].package.source:s?",
                "releases[].plan.packages[].package.arch:s", "releases[].plan.packages[].package.name:s",
                "releases[].plan.packages[].package.version:s", "releases[].plan.packages[].package.release:s",
                "releases[].plan.last_log:s-", "total_releases:n");
        call(45, "GET /releases/{id}/ (Bearer null)", LOCAL, "id:n", "status:n", "created_at:s",
                "owner.email:s?", "owner.username:s", "product.id:n", "product.name:s", "product.title:s?",
                "platform.id:n", "platform.name:s", "platform.arch_list:a", "build_ids:a", "build_task_ids:a",
                "plan.repositories[].id:n", "plan.repositories[].name:s", "plan.repositories[].arch:s",
                "plan.modules:a", "plan.packages[].package.epoch:s", "plan.packages[].package.name:s",
                "plan.packages[].package.version:s", "plan.packages[].package.release:s",
                "plan.packages[].package.arch:s", "plan.packages[].package.full_name:s",
                "plan.packages[].package.build_id:n", "plan.packages[].package.cas_hash:s?",
                "plan.packages[].package.artifact_href:s", "plan.packages[].package.href_from_repo:s?",
                "plan.packages[].package.force:b", "plan.packages[].package.force_not_notarized:b",
                "plan.packages[].package.sha256:s", "plan.packages[].repositories[].name:s",
                "plan.packages[].repositories[].matched:s?", "plan.packages[].repo_arch_location:a",
                "plan.packages_in_repos:o", "plan.packages_from_repos:o");
        call(46, "POST /releases/new/ {builds, build_tasks, product_id, platform_id, reference_platform_id}", LOCAL,
                "id:n", "status:n", "platform.arch_list:a", "build_ids:a", "build_task_ids:a", "plan.packages:a",
                "plan.repositories:a", "plan.packages_in_repos:o", "plan.packages_from_repos:o");
        call(47, "PUT /releases/{id}/ {plan: {packages: [the UI's package objects], modules, repositories}}", LOCAL,
                "id:n");
        call(48, "POST /releases/{id}/commit/ (no body)", LOCAL, "message:s");
        call(49, "POST /releases/{id}/revert/ (no body)", "ReleaseFlowTest.aSignedBuildIsPlannedEditedCommitted…");
        call(68, "GET /artifacts/{id}/ (dead code in the UI)", "UiBuildFeedApiTest.anArtifactIsShownByIdAndAnUnknownOneIs404");
    }

    /** #37's second form, the products feed's page. */
    static final List<String> PRODUCT_PAGE = List.of("products[].id:n", "products[].name:s", "products[].title:s?",
            "products[].description:s?", "products[].owner.username:s", "products[].platforms[*].id:n",
            "products[].platforms[*].name:s", "products[].builds:a", "total_products:n");

    private static final Set<Integer> SHOWN = ConcurrentHashMap.newKeySet();

    private UiCalls() {
    }

    /** The logged-out browser: the UI sends the literal "Bearer null" before login. */
    static RequestSpecification loggedOut() {
        return given().header("authorization", "Bearer null");
    }

    /** The logged-in browser: the JWT from the albs cookie. */
    static RequestSpecification as(String token) {
        return given().header("authorization", "Bearer " + token);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object body) {
        return (List<Map<String, Object>>) body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object body) {
        return (Map<String, Object>) body;
    }

    static long id(Object number) {
        return ((Number) number).longValue();
    }

    static Call call(int number) {
        Call c = CALLS.get(number);
        assertThat(c).as("call #%d is in the table", number).isNotNull();
        return c;
    }

    /** The calls a test class shows. */
    static List<Call> shownBy(String testClass) {
        return CALLS.values().stream().filter(c -> c.shownBy().equals(testClass)).toList();
    }

    static List<Call> all() {
        return List.copyOf(CALLS.values());
    }

    /** The answer to call {@code number} is 2xx JSON carrying every field the UI reads of it; returns its body. */
    static Object shows(int number, Response response) {
        Call c = call(number);
        assertThat(response.statusCode()).as("#%d %s: %s", number, c.request(), response.asString())
                .isBetween(200, 299);
        Object body = c.reads().isEmpty() && response.asString().isEmpty() ? null : response.jsonPath().get("$");
        for (String field : c.reads()) {
            int colon = field.lastIndexOf(':');
            check(body, field.substring(0, colon), field.substring(colon + 1), "#" + number + " " + field);
        }
        SHOWN.add(number);
        return body;
    }

    /** The answer carries these fields too (a second form of a call). */
    static void has(Response response, List<String> fields) {
        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
        Object body = response.jsonPath().get("$");
        for (String field : fields) {
            int colon = field.lastIndexOf(':');
            check(body, field.substring(0, colon), field.substring(colon + 1), field);
        }
    }

    static boolean wasShown(int number) {
        return SHOWN.contains(number);
    }

    private static void check(Object node, String path, String type, String what) {
        if (path.isEmpty()) {
            checkType(node, type, what);
            return;
        }
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        boolean each = head.endsWith("[]");
        boolean eachMaybeNone = head.endsWith("[*]");
        String key = each ? head.substring(0, head.length() - 2) : eachMaybeNone
                ? head.substring(0, head.length() - 3) : head;
        Object value = node;
        if (!key.isEmpty()) {
            assertThat(node).as("%s: an object around %s", what, key).isInstanceOf(Map.class);
            if (type.endsWith("-") && rest.isEmpty() && !each && !eachMaybeNone
                    && ((Map<?, ?>) node).get(key) == null) {
                return; // the UI reads it only when it is there
            }
            assertThat(((Map<?, ?>) node).containsKey(key)).as("%s: has %s", what, key).isTrue();
            value = ((Map<?, ?>) node).get(key);
        }
        if (each || eachMaybeNone) {
            assertThat(value).as("%s: %s is a list", what, key).isInstanceOf(List.class);
            List<?> list = (List<?>) value;
            if (each) {
                assertThat(list).as("%s: %s has elements (the fixture made some)", what, key).isNotEmpty();
            }
            for (Object element : list) {
                check(element, rest, type, what);
            }
        } else {
            check(value, rest, type, what);
        }
    }

    private static void checkType(Object value, String type, String what) {
        boolean nullable = type.endsWith("?") || type.endsWith("-");
        String t = nullable ? type.substring(0, type.length() - 1) : type;
        if (t.equals("*") || value == null && nullable) {
            return;
        }
        Class<?> expected = switch (t) {
            case "n" -> Number.class;
            case "s" -> String.class;
            case "b" -> Boolean.class;
            case "a" -> List.class;
            case "o" -> Map.class;
            default -> throw new IllegalArgumentException("no type " + type);
        };
        assertThat(value).as(what).isInstanceOf(expected);
    }

    /** Every call of this class's rows was shown by it. */
    static void assertAllShown(String testClass) {
        List<Integer> missing = new ArrayList<>();
        shownBy(testClass).forEach(c -> {
            if (!wasShown(c.number())) {
                missing.add(c.number());
            }
        });
        assertThat(missing).as("calls of the table that %s did not show", testClass).isEmpty();
    }
}
