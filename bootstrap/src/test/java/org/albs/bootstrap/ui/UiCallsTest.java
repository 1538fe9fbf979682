package org.albs.bootstrap.ui;

import static org.albs.bootstrap.ui.UiCalls.list;
import static org.albs.bootstrap.ui.UiCalls.loggedOut;
import static org.albs.bootstrap.ui.UiCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.Queue;
import org.albs.bootstrap.support.SignNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI's calls of {@link UiCalls} that need no real packages, sent exactly as albs-frontend sends them: its path
 * spelling (with or without the trailing slash), its query names, its bodies with their left-overs and string ids, the
 * lower-case {@code authorization: Bearer null} of a logged-out browser on the public calls and a user's token on the
 * others; each answer is checked for every field the UI reads ({@link UiCalls#shows}).
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class UiCallsTest {
    @Inject
    AgroalDataSource db;
    private static final String PLATFORM = "AlmaLinux-8";

    private static RequestSpecification ui(Api.ServiceUser user) {
        return UiCalls.as(user.token());
    }

    private static RequestSpecification admin() {
        return UiCalls.as(Api.adminToken());
    }

    private static Map<String, Object> platformObject(String name) {
        return list(loggedOut().when().get("/api/v1/platforms/").then().statusCode(200).extract().jsonPath()
                .get("$")).stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void loginAndTheDataEveryPageLoadsBeforeLogin() {
        UiCalls.shows(1, loggedOut().when().get("/api/v1/auth/github/authorize"));
        UiCalls.shows(3, loggedOut().when().get("/api/v1/users/all_users"));
        Object platforms = UiCalls.shows(17, loggedOut().when().get("/api/v1/platforms/"));
        Map<String, Object> alma = list(platforms).stream().filter(p -> PLATFORM.equals(p.get("name"))).findFirst()
                .orElseThrow();
        assertThat(map(map(alma.get("data"))).get("versions")).as("the planner reads data.versions[].name of a"
                + " modular platform").isInstanceOf(List.class);
    }

    @Test
    void usersAndRolesAsTheAdministrationPagesUseThem() {
        Api.ServiceUser alice = Api.createServiceUser("ui-alice");
        Object users = UiCalls.shows(3, ui(alice).when().get("/api/v1/users/all_users"));
        assertThat(list(users)).as("setIsAdmin finds the user by the JWT sub")
                .anySatisfy(u -> assertThat(((Number) u.get("id")).longValue()).isEqualTo(alice.id()));

        // the team page's owner makes a team; its roles are "{team}_{role}"
        String teamName = Api.unique("uiteam");
        UiCalls.shows(12, ui(alice).contentType(ContentType.JSON)
                .body(Map.of("team_name", teamName, "user_id", Long.toString(alice.id())))
                .when().post("/api/v1/teams/create/"));
        Object teams = UiCalls.shows(9, ui(alice).when().get("/api/v1/users/{id}/teams", alice.id()));
        long teamId = list(teams).stream().filter(t -> teamName.equals(t.get("name")))
                .map(t -> ((Number) t.get("id")).longValue()).findFirst().orElseThrow();
        UiCalls.shows(10, loggedOut().queryParam("pageNumber", 1).when().get("/api/v1/teams/"));
        Object team = UiCalls.shows(11, loggedOut().when().get("/api/v1/teams/{id}/", teamId));
        assertThat(list(map(team).get("roles"))).extracting(r -> r.get("name")).contains(teamName + "_manager");

        Api.ServiceUser bob = Api.createServiceUser("ui-bob");
        Map<String, Object> bobRow = list(UiCalls.shows(3, ui(alice).when().get("/api/v1/users/all_users")))
                .stream().filter(u -> ((Number) u.get("id")).longValue() == bob.id()).findFirst().orElseThrow();
        Object added = UiCalls.shows(13, ui(alice).contentType(ContentType.JSON)
                .body(Map.of("members_to_update", List.of(bobRow))).when()
                .post("/api/v1/teams/{id}/members/add/", teamId));
        assertThat(list(map(added).get("members"))).extracting(m -> ((Number) m.get("id")).longValue())
                .contains(bob.id());

        Object roles = UiCalls.shows(16, ui(alice).when().get("/api/v1/roles/"));
        List<Object> teamRoles = list(roles).stream().filter(r -> r.get("name").toString().startsWith(teamName + "_"))
                .map(r -> r.get("id")).toList();
        assertThat(teamRoles).isNotEmpty();
        UiCalls.shows(7, admin().contentType(ContentType.JSON).body(List.of(teamRoles.get(0)))
                .when().patch("/api/v1/users/{id}/roles/add", bob.id()));
        Object bobsRoles = UiCalls.shows(6, admin().when().get("/api/v1/users/{id}/roles", bob.id()));
        assertThat(list(bobsRoles)).extracting(r -> r.get("id")).contains(teamRoles.get(0));
        UiCalls.shows(8, admin().contentType(ContentType.JSON).body(List.of(teamRoles.get(0)))
                .when().patch("/api/v1/users/{id}/roles/remove", bob.id()));

        Object removed = UiCalls.shows(14, ui(alice).contentType(ContentType.JSON)
                .body(Map.of("members_to_update", List.of(bobRow))).when()
                .post("/api/v1/teams/{id}/members/remove/", teamId));
        assertThat(list(map(removed).get("members"))).extracting(m -> ((Number) m.get("id")).longValue())
                .doesNotContain(bob.id());

        // TeamFeed spells it with the slash, TeamInfo without
        UiCalls.shows(15, ui(alice).when().delete("/api/v1/teams/{id}/remove/", teamId));
        String other = Api.unique("uiteam2");
        ui(alice).contentType(ContentType.JSON).body(Map.of("team_name", other, "user_id",
                Long.toString(alice.id()))).when().post("/api/v1/teams/create/").then().statusCode(200);
        long otherId = list(ui(alice).when().get("/api/v1/users/{id}/teams", alice.id()).then().statusCode(200)
                .extract().jsonPath().get("$")).stream().filter(t -> other.equals(t.get("name")))
                .map(t -> ((Number) t.get("id")).longValue()).findFirst().orElseThrow();
        UiCalls.shows(15, ui(alice).when().delete("/api/v1/teams/{id}/remove", otherId));

        // the admin page: only the changed flags, is_verified copied from is_active, and the id as a number
        Api.ServiceUser carol = Api.createServiceUser("ui-carol");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("is_active", false);
        changes.put("is_verified", false);
        changes.put("id", carol.id());
        UiCalls.shows(4, admin().contentType(ContentType.JSON).body(changes)
                .when().put("/api/v1/users/{id}", carol.id()));
        UiCalls.shows(5, admin().when().delete("/api/v1/users/{id}/remove", carol.id()));
    }

    @Test
    void aBuildFromThePlannerThroughItsPageSigningAndProducts() {
        Api.ServiceUser alice = Api.createServiceUser("ui-builder");
        // a product of hers (the planner's step 1), made as CreateProduct sends it
        String productName = Api.unique("uiprod");
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", productName);
        product.put("owner_id", Long.toString(alice.id()));
        product.put("title", "UI product");
        product.put("description", "made as the UI makes it");
        product.put("platforms", List.of(platformObject(PLATFORM)));
        UiCalls.shows(38, ui(alice).contentType(ContentType.JSON).body(product).when().post("/api/v1/products/"));
        Object bare = UiCalls.shows(37, loggedOut().when().get("/api/v1/products/"));
        long productId = list(bare).stream().filter(p -> productName.equals(p.get("name")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
        UiCalls.has(loggedOut().queryParam("search_string", "").queryParam("pageNumber", 1).when()
                .get("/api/v1/products/"), UiCalls.PRODUCT_PAGE);
        UiCalls.shows(40, ui(alice).contentType(ContentType.JSON).body(List.of(platformObject("AlmaLinux-9")))
                .when().post("/api/v1/products/{id}/add-platforms/", productId));

        // the planner's body, with its left-overs
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("url", "https://git.almalinux.org/rpms/" + Api.unique("uipkg") + ".git");
        task.put("git_ref", "c8");
        task.put("ref_type", 1);
        task.put("mock_options", Map.of());
        task.put("test_configuration", Map.of());
        task.put("test_env", Map.of());
        task.put("tests", List.of());
        task.put("enabled", true);
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("name", PLATFORM);
        platform.put("arch_list", List.of("x86_64"));
        platform.put("parallel_mode_enabled", false);
        platform.put("independent_tasks", false);
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("platforms", List.of(platform));
        build.put("tasks", List.of(task));
        build.put("linked_builds", List.of());
        build.put("is_secure_boot", false);
        build.put("mock_options", Map.of());
        build.put("platform_flavors", List.of());
        build.put("product_id", productId);
        build.put("test_configuration", Map.of());
        Queue.retireAllOpenTasks(db); // tasks other test classes left open would be handed out before this build's
        long buildId = ((Number) map(UiCalls.shows(23, ui(alice).contentType(ContentType.JSON).body(build)
                .when().post("/api/v1/builds/"))).get("id")).longValue();
        Node.awaitJobs(buildId);
        Node node = Node.create("ui-node");
        for (int i = 0; i < 2; i++) {
            JsonPath t = node.getTask(Node.X86_WITH_SRC);
            assertThat(t).as("the build's src and x86_64 tasks").isNotNull();
            String arch = t.getString("arch");
            String rpm = t.getString("ref.url").replaceAll(".*/(.*)\\.git", "$1") + "-1.0-1.el8."
                    + (arch.equals("src") ? "src" : "x86_64") + ".rpm";
            List<Map<String, Object>> artifacts = new ArrayList<>(Node.artifacts(rpm));
            node.buildDone(t.getLong("id"), "done", artifacts).then().statusCode(200);
        }
        Node.awaitJobs(buildId); // the packages are imported by store jobs: signing waits for them

        // the build page: the sign dialog's keys, a sign task asked with the route's string id, its list
        String[] key = SignNode.newKey();
        SignNode.createKey(key[0], key[1]);
        UiCalls.shows(34, ui(alice).when().get("/api/v1/sign-keys/"));
        long keyId = list(ui(alice).when().get("/api/v1/sign-keys/").then().extract().jsonPath().get("$")).stream()
                .filter(k -> ((String) k.get("name")).contains(key[0])).map(k -> ((Number) k.get("id")).longValue())
                .findFirst().orElseThrow();
        UiCalls.shows(36, ui(alice).contentType(ContentType.JSON).body(Map.of("build_id", Long.toString(buildId),
                "sign_key_id", keyId)).when().post("/api/v1/sign-tasks/"));
        UiCalls.shows(35, loggedOut().queryParam("build_id", buildId).when().get("/api/v1/sign-tasks/"));

        // "Add to a product" by the product's name in the path
        UiCalls.shows(42, ui(alice).when().post("/api/v1/products/add/{build}/{name}/", buildId, productName));
        Node.awaitJobs(buildId); // a job adds it
        Object detail = UiCalls.shows(22, loggedOut().when().get("/api/v1/builds/{id}/", buildId));
        assertThat(list(map(detail).get("products"))).extracting(p -> p.get("name")).contains(productName);
        UiCalls.shows(22, loggedOut().when().get("/api/v1/builds/{id}", buildId)); // CreateRelease's spelling
        assertThat(list(map(detail).get("tasks"))).allSatisfy(t -> assertThat(t.get("rpm_modules"))
                .as("no module builds: always []").isEqualTo(List.of()));
        Object feed = UiCalls.shows(21, loggedOut().queryParam("pageNumber", 1).queryParam("created_by", alice.id())
                .when().get("/api/v1/builds/"));
        assertThat(list(map(feed).get("builds"))).extracting(b -> ((Number) b.get("id")).longValue())
                .containsExactly(buildId);
        UiCalls.shows(39, loggedOut().when().get("/api/v1/products/{id}/", productId));
        UiCalls.shows(43, ui(alice).when().post("/api/v1/products/remove/{build}/{name}/", buildId, productName));
        Node.awaitJobs(buildId);
        Node.awaitJobs(0); // the product's repositories job: removal waits for it (409)

        // the build page's actions: bodies {} for the restarts, none for cancel
        UiCalls.shows(25, ui(alice).contentType(ContentType.JSON).body(Map.of())
                .when().patch("/api/v1/builds/{id}/restart-failed", buildId));
        UiCalls.shows(26, ui(alice).contentType(ContentType.JSON).body(Map.of())
                .when().patch("/api/v1/builds/{id}/parallel-restart-failed", buildId));
        UiCalls.shows(27, ui(alice).when().patch("/api/v1/builds/{id}/cancel", buildId));
        UiCalls.shows(28, ui(alice).when().delete("/api/v1/builds/{id}/remove", buildId));
        UiCalls.shows(41, ui(alice).when().delete("/api/v1/products/{id}/remove/", productId));
    }

    @AfterAll
    static void everyCallOfThisClassWasShown() {
        UiCalls.assertAllShown(UiCalls.HERE);
    }

    /** A call the table gives to an existing test names it by class; the class exists. */
    @Test
    void everyCallOfTheTableNamesATestThatExists() {
        for (UiCalls.Call c : UiCalls.all()) {
            String cls = c.shownBy().replaceAll("[ .(,].*", "");
            assertThat(List.of("UiCallsTest", "UiTestLogsAndReleaseTest", "UiBuildFeedApiTest", "ProjectApiTest",
                    "TestSystemLoopTest", "ReleaseFlowTest")).as("#%d", c.number()).contains(cls);
        }
    }
}
