package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Platforms} and {@link Repositories} pair must do: repositories upserted by (name, arch,
 * type, debug), platforms with ordered repository links and reference platforms by name. Names get a random
 * suffix, so a shared database never sees a clash.
 */
public abstract class AbstractPlatformsContractTest {
    public record Ports(Platforms platforms, Repositories repositories, Transactions tx) {
    }

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private Ports p;

    /** The ports under test; called before each test. */
    protected abstract Ports ports();

    @BeforeEach
    void setUp() {
        p = ports();
    }

    private String unique(String name) {
        return name + "-" + suffix;
    }

    private Repository upsert(String name, String arch, String url, String pulpHref) {
        return p.tx().inTransaction(() -> p.repositories().upsert(new Repository(null, unique(name), arch, url, "rpm",
                false, 10, false, true, pulpHref, null, null)));
    }

    private Platform platform(String name, boolean reference, List<Repository> repos, List<String> references) {
        return new Platform(null, unique(name), "rpm", "almalinux", "9", "almalinux", null, null, null, null,
                List.of("x86_64", "i686"), null, null, Map.of("mock", Map.of("root", name), "timeout", 3), null,
                reference, repos, references);
    }

    private Platform insert(Platform platform) {
        return p.tx().inTransaction(() -> p.platforms().insert(platform));
    }

    @Test
    public void anUpsertOfAKnownRepositoryUpdatesItInPlace() {
        Repository first = upsert("BaseOS", "x86_64", "https://a/", "/pulp/1/");
        Repository again = p.tx().inTransaction(() -> p.repositories().upsert(new Repository(null, unique("BaseOS"),
                "x86_64", "https://b/", "rpm", false, 5, true, false, null, "/export/", null)));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.url()).isEqualTo("https://b/");
        assertThat(again.priority()).isEqualTo(5);
        assertThat(again.production()).isTrue();
        assertThat(again.mockEnabled()).isFalse();
        assertThat(again.pulpHref()).as("kept when not given").isEqualTo("/pulp/1/");
        assertThat(again.exportPath()).isEqualTo("/export/");
        assertThat(p.repositories().findById(first.id())).contains(again);
        Repository otherArch = upsert("BaseOS", "i686", "https://a/", null);
        assertThat(otherArch.id()).isNotEqualTo(first.id());
        assertThat(p.repositories().findByIds(List.of(otherArch.id(), first.id(), Long.MAX_VALUE)))
                .extracting(Repository::id).containsExactly(first.id(), otherArch.id());
    }

    @Test
    public void aPlatformKeepsItsRepositoriesInLinkOrder() {
        Repository b = upsert("B", "x86_64", "https://b/", null);
        Repository a = upsert("A", "x86_64", "https://a/", null);

        Platform stored = insert(platform("AlmaLinux-9", false, List.of(b, a), List.of()));

        assertThat(stored.id()).isNotNull();
        assertThat(stored.repositories()).extracting(Repository::id).containsExactly(b.id(), a.id());
        assertThat(stored.repositories()).allSatisfy(r -> assertThat(r.platformId()).isEqualTo(stored.id()));
        assertThat(stored.data()).isEqualTo(Map.of("mock", Map.of("root", "AlmaLinux-9"), "timeout", 3));
        assertThat(p.platforms().findById(stored.id())).contains(stored);
        assertThat(p.tx().inTransaction(() -> p.platforms().lockByName(stored.name()))).contains(stored);
        assertThat(p.platforms().findById(Long.MAX_VALUE)).isEmpty();
        assertThat(p.tx().inTransaction(() -> p.platforms().lockByName(unique("nope")))).isEmpty();
    }

    @Test
    public void repositoriesUpsertedInTheInsertingTransactionShowTheirPlatform() {
        // as PlatformService.create does it: upsert the repositories, then insert the platform, in one transaction
        Platform stored = p.tx().inTransaction(() -> {
            Repository a = p.repositories().upsert(new Repository(null, unique("A"), "x86_64", "https://a/", "rpm",
                    false, 10, false, true, null, null, null));
            return p.platforms().insert(platform("AlmaLinux-10", false, List.of(a), List.of()));
        });

        assertThat(stored.repositories()).singleElement()
                .satisfies(r -> assertThat(r.platformId()).isEqualTo(stored.id()));
        assertThat(p.platforms().findById(stored.id())).contains(stored);
    }

    @Test
    public void anUpdateReplacesTheLinksAndLeavesTheRepositories() {
        Repository a = upsert("A", "x86_64", "https://a/", null);
        Repository b = upsert("B", "x86_64", "https://b/", null);
        Platform first = insert(platform("AlmaLinux-9", false, List.of(a, b), List.of()));
        Platform second = insert(platform("AlmaLinux-8", false, List.of(b), List.of()));
        Repository c = upsert("C", "x86_64", "https://c/", null);

        Platform updated = p.tx().inTransaction(() -> p.platforms().update(new Platform(second.id(), second.name(),
                "rpm", "almalinux", "8.10", "almalinux", "x@y.z", null, null, 3, List.of("x86_64"), null, null,
                Map.of(), null, false, List.of(c, a), List.of())));

        assertThat(updated.distrVersion()).isEqualTo("8.10");
        assertThat(updated.contactMail()).isEqualTo("x@y.z");
        assertThat(updated.priority()).isEqualTo(3);
        assertThat(updated.archList()).containsExactly("x86_64");
        assertThat(updated.repositories()).extracting(Repository::id).containsExactly(c.id(), a.id());
        assertThat(p.repositories().findById(b.id())).isPresent();
        assertThat(p.repositories().findById(a.id()).orElseThrow().platformId()).as("the first platform linking it")
                .isEqualTo(first.id());
        assertThat(p.repositories().findById(c.id()).orElseThrow().platformId()).isEqualTo(second.id());
        assertThat(p.platforms().findById(first.id()).orElseThrow().repositories()).extracting(Repository::id)
                .containsExactly(a.id(), b.id());
    }

    @Test
    public void referencePlatformsAreLinkedByNameAndListedApart() {
        Platform rhel = insert(platform("RHEL-9", true, List.of(), List.of()));
        Platform centos = insert(platform("CentOS-9", true, List.of(), List.of()));

        Platform alma = insert(platform("AlmaLinux-9", false, List.of(), List.of(rhel.name(), centos.name())));

        assertThat(alma.referencePlatforms()).containsExactly(centos.name(), rhel.name());
        assertThat(p.platforms().listNonReference()).extracting(Platform::id).contains(alma.id())
                .doesNotContain(rhel.id(), centos.id());
        assertThat(p.platforms().findByNames(List.of(alma.name(), rhel.name(), unique("nope"))))
                .extracting(Platform::id).containsExactly(rhel.id(), alma.id());
        assertThat(p.platforms().findByNames(List.of())).isEmpty();
    }
}
