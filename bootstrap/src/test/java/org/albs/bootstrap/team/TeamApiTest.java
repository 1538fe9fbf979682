package org.albs.bootstrap.team;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** The teams, roles and users/{id}/roles|teams routes as the web UI calls them (docs/frontend-calls.md §2.1-2.2). */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class TeamApiTest {
    @Inject
    AgroalDataSource db;

    private static RequestSpecification anonymous() {
        return given().header("Authorization", "Bearer null");
    }

    /** A team created as TeamFeed does: user_id is the JWT's sub, a string. */
    private static JsonPath create(Api.ServiceUser owner, String name) {
        return owner.request().contentType(ContentType.JSON)
                .body(Map.of("team_name", name, "user_id", String.valueOf(owner.id())))
                .when().post("/api/v1/teams/create/")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** The user as /users/all_users lists it, which TeamInfo sends back whole. */
    private static Map<String, Object> listed(Api.ServiceUser user) {
        List<Map<String, Object>> all = anonymous().when().get("/api/v1/users/all_users").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(u -> ((Number) u.get("id")).longValue() == user.id()).findFirst().orElseThrow();
    }

    private static io.restassured.response.ValidatableResponse members(Api.ServiceUser caller, long team,
                                                                       String change, Api.ServiceUser... users) {
        return caller.request().contentType(ContentType.JSON)
                .body(Map.of("members_to_update", java.util.Arrays.stream(users).map(TeamApiTest::listed).toList()))
                .when().post("/api/v1/teams/{id}/members/" + change + "/", team).then();
    }

    private static long roleId(JsonPath team, String kind) {
        return team.getLong("roles.find { it.name == '" + team.getString("name") + "_" + kind + "' }.id");
    }

    @Test
    void aCreatedTeamShowsEveryFieldTheUiReads() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        String name = Api.unique("team");
        JsonPath team = create(alice, name);
        long id = team.getLong("id");

        assertTeam(anonymous().when().get("/api/v1/teams/{id}/", id).then().statusCode(200)
                .body("id", equalTo((int) id)), name, alice);
        assertTeam(Api.asAdmin().when().get("/api/v1/teams/{id}/", id).then().statusCode(200)
                .body("owner.email", equalTo(alice.email())), name, alice);
        alice.request().when().get("/api/v1/users/{id}/roles", alice.id()).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo((int) roleId(team, "manager")))
                .body("[0].name", equalTo(name + "_manager"));
        alice.request().when().get("/api/v1/users/{id}/teams", alice.id()).then().statusCode(200)
                .body("id", contains((int) id)).body("name", contains(name));
        alice.request().when().get("/api/v1/roles/").then().statusCode(200)
                .body("name", hasItems(name + "_contributor", name + "_manager", name + "_observer",
                        name + "_product_maintainer", name + "_signer"))
                .body("find { it.name == '" + name + "_signer' }.id", equalTo((int) roleId(team, "signer")));
    }

    private static void assertTeam(io.restassured.response.ValidatableResponse r, String name,
                                   Api.ServiceUser owner) {
        r.body("name", equalTo(name))
                .body("owner.id", equalTo((int) owner.id()))
                .body("owner.username", equalTo(owner.username()))
                .body("members.id", contains((int) owner.id()))
                .body("members[0].username", equalTo(owner.username()))
                .body("products", empty())
                .body("roles", hasSize(5))
                .body("roles.name", containsInAnyOrder(name + "_contributor", name + "_manager", name + "_observer",
                        name + "_product_maintainer", name + "_signer"))
                .body("roles.id", not(hasItem(nullValue())));
    }

    @Test
    void theFeedPagesTenTeamsNewestFirstAndTheStoreGetsAList() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        String name = Api.unique("feed");
        long id = create(alice, name).getLong("id");

        anonymous().queryParam("pageNumber", 1).when().get("/api/v1/teams/").then().statusCode(200)
                .body("teams", hasSize(lessThanOrEqualTo(10)))
                .body("teams[0].id", equalTo((int) id))
                .body("teams[0].name", equalTo(name))
                .body("teams[0].owner.username", equalTo(alice.username()))
                .body("teams[0].owner", org.hamcrest.Matchers.hasKey("email"))
                .body("teams[0].members", hasSize(1))
                .body("teams[0].products", empty())
                .body("total_teams", instanceOf(Integer.class))
                .body("current_page", equalTo(1));
        given().when().get("/api/v1/teams/").then().statusCode(200)
                .body("[0].id", equalTo((int) id));
        anonymous().queryParam("pageNumber", 0).when().get("/api/v1/teams/").then().statusCode(422)
                .body("detail[0].loc", contains("query", "pageNumber"));
        anonymous().queryParam("pageNumber", "abc").when().get("/api/v1/teams/").then().statusCode(422)
                .body("detail[0].loc", contains("query", "pageNumber"));
        anonymous().when().get("/api/v1/teams/{id}/", Long.MAX_VALUE).then().statusCode(404)
                .body("detail", equalTo("Team with id " + Long.MAX_VALUE + " is not found"));
        anonymous().when().get("/api/v1/teams/{id}/", "x").then().statusCode(422);
    }

    @Test
    void creatingATeamIsRefusedClearly() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        Api.ServiceUser bob = Api.createServiceUser("bob");
        String name = Api.unique("taken");
        create(alice, name);

        given().contentType(ContentType.JSON).body(Map.of("team_name", "x", "user_id", 1))
                .when().post("/api/v1/teams/create/").then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
        anonymous().contentType(ContentType.JSON).body(Map.of("team_name", "x", "user_id", 1))
                .when().post("/api/v1/teams/create/").then().statusCode(401)
                .body("detail", equalTo("Unauthorized"));
        bob.request().contentType(ContentType.JSON).body(Map.of("team_name", Api.unique("x"), "user_id",
                        String.valueOf(alice.id())))
                .when().post("/api/v1/teams/create/").then().statusCode(403)
                .body("detail", equalTo("You don't have permission to create_team for another user"));
        bob.request().contentType(ContentType.JSON).body(Map.of("team_name", name, "user_id", bob.id()))
                .when().post("/api/v1/teams/create/").then().statusCode(409)
                .body("detail", equalTo("Team " + name + " already exists"));
        bob.request().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/teams/create/").then().statusCode(422)
                .body("detail.loc", containsInAnyOrder(List.of("body", "team_name"), List.of("body", "user_id")));
        bob.request().contentType(ContentType.JSON).body(Map.of("team_name", "x", "user_id", "abc"))
                .when().post("/api/v1/teams/create/").then().statusCode(422);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("team_name", Api.unique("x"), "user_id",
                        Long.MAX_VALUE))
                .when().post("/api/v1/teams/create/").then().statusCode(422)
                .body("detail[0].loc", contains("body", "user_id"));
        bob.request().when().get("/api/v1/users/{id}/teams", bob.id()).then().statusCode(200).body("", empty());
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then().statusCode(200).body("", empty());
    }

    @Test
    void managersChangeMembersAndJoiningOrLeavingChangesRoles() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        Api.ServiceUser bob = Api.createServiceUser("bob");
        Api.ServiceUser carol = Api.createServiceUser("carol");
        JsonPath team = create(alice, Api.unique("members"));
        long id = team.getLong("id");

        members(alice, id, "add", bob).statusCode(200)
                .body("id", equalTo((int) id))
                .body("members.id", contains((int) alice.id(), (int) bob.id()))
                .body("members.username", contains(alice.username(), bob.username()))
                .body("owner.username", equalTo(alice.username()))
                .body("roles", hasSize(5));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then()
                .body("id", contains((int) roleId(team, "contributor")));
        bob.request().when().get("/api/v1/users/{id}/teams", bob.id()).then().body("id", contains((int) id));

        members(bob, id, "add", carol).statusCode(403)
                .body("detail", equalTo("You don't have permission to invite_into_team in team "
                        + team.getString("name")));
        members(bob, id, "remove", alice).statusCode(403)
                .body("detail", equalTo("You don't have permission to remove_from_team in team "
                        + team.getString("name")));
        members(alice, id, "remove", alice).statusCode(409)
                .body("detail", equalTo("User " + alice.id() + " owns team " + team.getString("name")
                        + " and cannot be removed from it"));
        members(alice, id, "remove", carol).statusCode(409)
                .body("detail", equalTo("User " + carol.id() + " is not a member of team "
                        + team.getString("name")));

        alice.request().contentType(ContentType.JSON).body(List.of(roleId(team, "signer")))
                .when().patch("/api/v1/users/{id}/roles/add", bob.id()).then().statusCode(200)
                .body("success", equalTo(true));
        members(alice, id, "remove", bob).statusCode(200)
                .body("members.id", contains((int) alice.id()));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then().body("", empty());
        bob.request().when().get("/api/v1/users/{id}/teams", bob.id()).then().body("", empty());
    }

    @Test
    void badMemberChangesChangeNothing() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        Api.ServiceUser bob = Api.createServiceUser("bob");
        long id = create(alice, Api.unique("bad")).getLong("id");

        alice.request().contentType(ContentType.JSON)
                .body(Map.of("members_to_update", List.of(listed(bob), Map.of("id", Long.MAX_VALUE,
                        "username", "ghost"))))
                .when().post("/api/v1/teams/{id}/members/add/", id).then().statusCode(422)
                .body("detail[0].loc", contains("body", "members_to_update", 1, "id"))
                .body("detail[0].msg", equalTo("User with id " + Long.MAX_VALUE + " is not found"));
        alice.request().contentType(ContentType.JSON).body(Map.of("members_to_update", List.of(Map.of("x", 1))))
                .when().post("/api/v1/teams/{id}/members/add/", id).then().statusCode(422)
                .body("detail[0].loc", contains("body", "members_to_update", 0, "id"));
        alice.request().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/teams/{id}/members/add/", id).then().statusCode(422)
                .body("detail[0].loc", contains("body", "members_to_update"));
        anonymous().when().get("/api/v1/teams/{id}/", id).then().body("members", hasSize(1));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then().body("", empty());

        members(alice, Long.MAX_VALUE, "add", bob).statusCode(404)
                .body("detail", equalTo("Team with id " + Long.MAX_VALUE + " is not found"));
        anonymous().contentType(ContentType.JSON).body(Map.of("members_to_update", List.of()))
                .when().post("/api/v1/teams/{id}/members/add/", id).then().statusCode(401);
    }

    @Test
    void onlyTheOwnerOrASuperuserRemovesATeamAndNotWhileItHasProducts() throws SQLException {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        Api.ServiceUser bob = Api.createServiceUser("bob");
        JsonPath team = create(alice, Api.unique("gone"));
        long id = team.getLong("id");
        members(alice, id, "add", bob).statusCode(200);
        alice.request().contentType(ContentType.JSON).body(List.of(roleId(team, "manager")))
                .when().patch("/api/v1/users/{id}/roles/add", bob.id()).then().statusCode(200);

        bob.request().when().delete("/api/v1/teams/{id}/remove/", id).then().statusCode(403)
                .body("detail", equalTo("You don't have permission to delete_team in team "
                        + team.getString("name")));
        alice.request().when().delete("/api/v1/teams/{id}/remove", id).then().statusCode(202);
        alice.request().when().delete("/api/v1/teams/{id}/remove", id).then().statusCode(404)
                .body("detail", equalTo("Team with id " + id + " is not found"));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then().body("", empty());
        bob.request().when().get("/api/v1/users/{id}/teams", bob.id()).then().body("", empty());

        JsonPath withProduct = create(alice, Api.unique("kept"));
        long kept = withProduct.getLong("id");
        long product;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO products (name, title, owner_id, created_at, team_id) VALUES (?, 'P', ?, now(), ?)"
                        + " RETURNING id")) {
            s.setString(1, Api.unique("product"));
            s.setLong(2, alice.id());
            s.setLong(3, kept);
            try (var rs = s.executeQuery()) {
                rs.next();
                product = rs.getLong(1);
            }
        }
        anonymous().when().get("/api/v1/teams/{id}/", kept).then()
                .body("products.id", contains((int) product)).body("products[0].title", equalTo("P"));
        Api.asAdmin().when().delete("/api/v1/teams/{id}/remove/", kept).then().statusCode(409)
                .body("detail", equalTo("Team " + withProduct.getString("name")
                        + " cannot be removed: it still has 1 products"));
        given().when().delete("/api/v1/teams/{id}/remove/", kept).then().statusCode(403)
                .body("detail", equalTo("Not authenticated"));
        anonymous().when().get("/api/v1/teams/{id}/", kept).then().statusCode(200);
    }

    @Test
    void rolesAreEditedByWhoeverMayAssignThem() {
        Api.ServiceUser alice = Api.createServiceUser("alice");
        Api.ServiceUser bob = Api.createServiceUser("bob");
        Api.ServiceUser carol = Api.createServiceUser("carol");
        JsonPath team = create(alice, Api.unique("roles"));
        long signer = roleId(team, "signer");
        long observer = roleId(team, "observer");

        alice.request().contentType(ContentType.JSON).body(List.of(signer, observer))
                .when().patch("/api/v1/users/{id}/roles/add", bob.id()).then().statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Successfully added roles [" + signer + ", " + observer + "] to "
                        + bob.id()));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then()
                .body("id", contains((int) observer, (int) signer));
        bob.request().contentType(ContentType.JSON).body(List.of(signer))
                .when().patch("/api/v1/users/{id}/roles/add", carol.id()).then().statusCode(403)
                .body("detail", equalTo("You don't have permission to assign_team_role in team "
                        + team.getString("name")));
        Api.asAdmin().contentType(ContentType.JSON).body(List.of(roleId(team, "manager")))
                .when().patch("/api/v1/users/{id}/roles/remove", alice.id()).then().statusCode(409)
                .body("detail", equalTo("The roles of user " + alice.id() + " in team " + team.getString("name")
                        + " cannot be changed: they own it"));
        alice.request().contentType(ContentType.JSON).body(List.of(signer, Long.MAX_VALUE))
                .when().patch("/api/v1/users/{id}/roles/add", carol.id()).then().statusCode(422)
                .body("detail[0].loc", contains("body", 1));
        alice.request().contentType(ContentType.JSON).body(Map.of("roles", List.of(signer)))
                .when().patch("/api/v1/users/{id}/roles/add", carol.id()).then().statusCode(422);
        alice.request().contentType(ContentType.JSON).body(List.of(signer))
                .when().patch("/api/v1/users/{id}/roles/add", Long.MAX_VALUE).then().statusCode(404);
        carol.request().when().get("/api/v1/users/{id}/roles", carol.id()).then().body("", empty());

        alice.request().contentType(ContentType.JSON).body(List.of(signer))
                .when().patch("/api/v1/users/{id}/roles/remove", bob.id()).then().statusCode(200)
                .body("message", equalTo("Successfully removed roles [" + signer + "] from " + bob.id()));
        bob.request().when().get("/api/v1/users/{id}/roles", bob.id()).then().body("id", contains((int) observer));

        anonymous().when().get("/api/v1/roles/").then().statusCode(401);
        anonymous().when().get("/api/v1/users/{id}/roles", bob.id()).then().statusCode(401);
        anonymous().when().get("/api/v1/users/{id}/teams", bob.id()).then().statusCode(401);
        alice.request().when().get("/api/v1/users/{id}/roles", Long.MAX_VALUE).then().statusCode(404)
                .body("detail", equalTo("User with id " + Long.MAX_VALUE + " is not found"));
    }
}
