package org.albs.adapter.out.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.albs.application.port.out.IdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a stub that answers as GitHub's documented OAuth web flow and REST API do
 * (docs.github.com: "Authorizing OAuth apps", "REST API endpoints for users / emails / organization members").
 */
class GithubIdentityProviderTest {
    private static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
    private WireMockServer github;
    private GithubIdentityProvider provider;

    @BeforeEach
    void start() {
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        github.start();
        // generous: WireMock's first answers on a loaded machine take seconds; aSlowGithubTimesOut uses its own
        provider = provider(Duration.ofSeconds(20));
    }

    private GithubIdentityProvider provider(Duration timeout) {
        return new GithubIdentityProvider(new GithubSettings(github.baseUrl() + "/", github.baseUrl(),
                "client-1", "secret-1", timeout));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private void tokenFor(String code) {
        github.stubFor(post(urlEqualTo("/login/oauth/access_token"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"scope\":\"read:org,read:user,user:email\","
                        + "\"token_type\":\"bearer\"}")));
    }

    private void user(long id, String login) {
        github.stubFor(get(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"login\":\"" + login + "\",\"id\":" + id + ",\"type\":\"User\","
                        + "\"email\":null,\"name\":\"The Octocat\"}")));
    }

    private void emails(String json) {
        github.stubFor(get(urlEqualTo("/user/emails")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(json)));
    }

    @Test
    void theAuthorizationUrlAsksForUpstreamsScopesWithOurStateAndRedirect() {
        URI url = URI.create(provider.authorizationUrl("st.a.te", "https://albs.example/api/v1/auth/github/callback"));
        assertThat(url.getPath()).isEqualTo("/login/oauth/authorize");
        assertThat(URLDecoder.decode(url.getRawQuery(), StandardCharsets.UTF_8)).contains("client_id=client-1",
                "redirect_uri=https://albs.example/api/v1/auth/github/callback", "scope=read:user user:email read:org",
                "state=st.a.te");
    }

    @Test
    void aGoodCodeGivesTheAccountThePrimaryVerifiedEmailAndActiveMemberships() {
        tokenFor("good");
        user(583231, "octocat");
        emails("[{\"email\":\"old@example.com\",\"verified\":true,\"primary\":false,\"visibility\":null},"
                + "{\"email\":\"unverified@example.com\",\"verified\":false,\"primary\":false,\"visibility\":null},"
                + "{\"email\":\"octocat@github.com\",\"verified\":true,\"primary\":true,\"visibility\":\"public\"}]");
        github.stubFor(get(urlEqualTo("/user/memberships/orgs/AlmaLinux")).willReturn(okJson(
                "{\"state\":\"active\",\"role\":\"member\",\"organization\":{\"login\":\"AlmaLinux\",\"id\":1}}")));
        github.stubFor(get(urlEqualTo("/user/memberships/orgs/pending-org")).willReturn(okJson(
                "{\"state\":\"pending\",\"role\":\"member\",\"organization\":{\"login\":\"pending-org\",\"id\":2}}")));
        github.stubFor(get(urlEqualTo("/user/memberships/orgs/other")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));

        IdentityProvider.Identity who = provider.identify("good", "https://albs.example/cb",
                List.of("AlmaLinux", "pending-org", "other"));

        assertThat(who.accountId()).isEqualTo(583231);
        assertThat(who.login()).isEqualTo("octocat");
        assertThat(who.verifiedEmail()).contains("octocat@github.com");
        assertThat(who.memberOf()).containsExactly("AlmaLinux");
        github.verify(postRequestedFor(urlEqualTo("/login/oauth/access_token"))
                .withRequestBody(WireMock.containing("client_id=client-1"))
                .withRequestBody(WireMock.containing("client_secret=secret-1"))
                .withRequestBody(WireMock.containing("redirect_uri=https%3A%2F%2Falbs.example%2Fcb")));
    }

    @Test
    void withoutAVerifiedPrimaryTheFirstVerifiedAddressCountsAndWithNoneThereIsNone() {
        tokenFor("good");
        user(1, "a");
        emails("[{\"email\":\"p@example.com\",\"verified\":false,\"primary\":true},"
                + "{\"email\":\"v@example.com\",\"verified\":true,\"primary\":false}]");
        assertThat(provider.identify("good", null, List.of()).verifiedEmail()).contains("v@example.com");

        emails("[{\"email\":\"p@example.com\",\"verified\":false,\"primary\":true}]");
        assertThat(provider.identify("good", null, List.of()).verifiedEmail()).isEmpty();
    }

    @Test
    void aBadOrUsedCodeIsRejected() {
        github.stubFor(post(urlEqualTo("/login/oauth/access_token")).willReturn(okJson(
                "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\","
                        + "\"error_uri\":\"https://docs.github.com/apps/troubleshooting\"}")));

        assertThatThrownBy(() -> provider.identify("used", null, List.of()))
                .isInstanceOf(IdentityProvider.CodeRejected.class)
                .hasMessageContaining("bad_verification_code").hasMessageContaining("incorrect or expired");
    }

    @Test
    void aRateLimitIsUnavailableAndSaysSo() {
        tokenFor("good");
        github.stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1700000000")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}")));

        assertThatThrownBy(() -> provider.identify("good", null, List.of()))
                .isInstanceOf(IdentityProvider.Unavailable.class).hasMessageContaining("rate limit");
    }

    @Test
    void aServerErrorIsUnavailable() {
        github.stubFor(post(urlEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> provider.identify("good", null, List.of()))
                .isInstanceOf(IdentityProvider.Unavailable.class).hasMessageContaining("500");
    }

    @Test
    void aServerErrorOnAMembershipIsUnavailable() {
        tokenFor("good");
        user(1, "a");
        emails("[]");
        github.stubFor(get(urlPathEqualTo("/user/memberships/orgs/x")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> provider.identify("good", null, List.of("x")))
                .isInstanceOf(IdentityProvider.Unavailable.class).hasMessageContaining("502");
    }

    @Test
    void aSlowGithubTimesOut() {
        tokenFor("good");
        github.stubFor(get(urlEqualTo("/user")).willReturn(okJson("{\"id\":1,\"login\":\"a\"}").withFixedDelay(3000)));

        assertThatThrownBy(() -> provider(Duration.ofMillis(1500)).identify("good", null, List.of()))
                .isInstanceOf(IdentityProvider.Unavailable.class).hasMessageContaining("did not answer within 1500 ms");
    }

    @Test
    void nonsenseIsUnavailable() {
        tokenFor("good");
        github.stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withStatus(200).withBody("<html>")));

        assertThatThrownBy(() -> provider.identify("good", null, List.of()))
                .isInstanceOf(IdentityProvider.Unavailable.class);
    }
}
