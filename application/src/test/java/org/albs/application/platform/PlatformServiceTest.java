package org.albs.application.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.albs.application.port.in.platform.PlatformSpec;
import org.albs.application.port.in.platform.RepositorySpec;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.domain.ConflictException;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformServiceTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));
    private final PlatformService platforms = new PlatformService(a.platforms(), a.repositories(), a.tx());
    private final RepositoryQueries repositories = new RepositoryQueries(a.repositories(), a.tx());

    private User admin;
    private User alice;

    @BeforeEach
    void seed() {
        admin = a.user("admin", true);
        alice = a.user("alice", false);
    }

    private static RepositorySpec repo(String name, String arch, String url) {
        return new RepositorySpec(name, arch, url, "rpm", false, null, null, null, null, null);
    }

    private static PlatformSpec create(String name, List<String> arches, RepositorySpec... repos) {
        return new PlatformSpec(name, "rpm", "almalinux", "9", null, null, null, null, null, arches, null, null,
                repos.length == 0 ? null : Arrays.asList(repos), null, null, null, null);
    }

    private static PlatformSpec change(String name, String distrVersion, List<RepositorySpec> repos,
                                       List<String> references) {
        return new PlatformSpec(name, null, null, distrVersion, null, null, null, null, null, null, null, null, repos,
                null, null, null, references);
    }

    private static PlatformSpec reference(String name) {
        return new PlatformSpec(name, "rpm", "rhel", "9", null, null, null, null, null, List.of("x86_64"), null, null,
                null, null, null, true, null);
    }

    private static List<List<Object>> locs(InvalidInputException e) {
        return e.problems().stream().map(FieldProblem::path).toList();
    }

    // ---- create ----

    @Test
    void aPlatformIsCreatedWithItsRepositories() {
        Platform p = platforms.create(admin, create("AlmaLinux-9", List.of("x86_64", "aarch64"),
                repo("BaseOS", "x86_64", "https://r/x86_64/"), repo("BaseOS", "aarch64", "https://r/aarch64/")));

        assertThat(p.id()).isNotNull();
        assertThat(p.testDistName()).isEqualTo("almalinux");
        assertThat(p.data()).isEmpty();
        assertThat(p.reference()).isFalse();
        assertThat(p.repositories()).extracting(Repository::url).containsExactly("https://r/x86_64/", "https://r/aarch64/");
        assertThat(p.repositories()).allSatisfy(r -> {
            assertThat(r.priority()).isEqualTo(10);
            assertThat(r.mockEnabled()).isTrue();
            assertThat(r.platformId()).isEqualTo(p.id());
        });
        assertThat(platforms.list()).containsExactly(p);
    }

    @Test
    void onlySuperusersCreatePlatforms() {
        assertThatThrownBy(() -> platforms.create(alice, create("AlmaLinux-9", List.of("x86_64"),
                repo("BaseOS", "x86_64", "https://r/")))).isInstanceOf(PermissionDeniedException.class);
        assertThat(platforms.list()).isEmpty();
        assertThat(repositories.list(null, null)).isEmpty();
    }

    @Test
    void aPlatformNameIsTakenOnce() {
        platforms.create(admin, create("AlmaLinux-9", List.of("x86_64")));

        assertThatThrownBy(() -> platforms.create(admin, create("AlmaLinux-9", List.of("aarch64"))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void everyProblemOfANewPlatformIsReported() {
        PlatformSpec bad = new PlatformSpec("Alma Linux", null, "almalinux", null, null, null, null, null, null,
                List.of("x86_64", "X86"), null, null, List.of(new RepositorySpec(null, "bad arch", "https://r/", "rpm",
                false, 2000, null, null, null, null)), null, null, null, null);

        assertThatThrownBy(() -> platforms.create(admin, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(locs(e)).containsExactly(
                        List.of("name"), List.of("type"), List.of("distr_version"),
                        List.of("arch_list", 1), List.of("repos", 0, "name"),
                        List.of("repos", 0, "arch"), List.of("repos", 0, "priority")));
        assertThat(repositories.list(null, null)).isEmpty();
    }

    @Test
    void referencePlatformsMustExistAndAreNotListed() {
        Platform rhel = platforms.create(admin, reference("RHEL-9"));
        PlatformSpec withRefs = new PlatformSpec("AlmaLinux-9", "rpm", "almalinux", "9", null, null, null, null,
                null, List.of("x86_64"), null, null, null, null, null, null, List.of("RHEL-9", "RHEL-9"));

        Platform alma = platforms.create(admin, withRefs);

        assertThat(rhel.reference()).isTrue();
        assertThat(alma.referencePlatforms()).containsExactly("RHEL-9");
        assertThat(platforms.list()).extracting(Platform::name).containsExactly("AlmaLinux-9");
        assertThatThrownBy(() -> platforms.create(admin, new PlatformSpec("AlmaLinux-8", "rpm", "almalinux", "8",
                null, null, null, null, null, List.of("x86_64"), null, null, null, null, null, null,
                List.of("RHEL-8")))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(locs(e)).containsExactly(List.of("reference_platforms")));
    }

    // ---- modify ----

    @Test
    void modifyOverwritesOnlyTheGivenFields() {
        Platform before = platforms.create(admin, new PlatformSpec("AlmaLinux-9", "rpm", "almalinux", "9", "alma",
                "a@b.c", "(c)", null, 5, List.of("x86_64"), null, null,
                List.of(repo("BaseOS", "x86_64", "https://r/")), Map.of("mock", Map.of("root", "x")), null, null,
                null));

        Platform after = platforms.modify(admin, change("AlmaLinux-9", "9.4", null, null));

        assertThat(after.distrVersion()).isEqualTo("9.4");
        assertThat(after).usingRecursiveComparison().ignoringFields("distrVersion").isEqualTo(before);
    }

    @Test
    void modifyWithReposReplacesTheLinksButKeepsTheRepositories() {
        Platform before = platforms.create(admin, create("AlmaLinux-9", List.of("x86_64"),
                repo("BaseOS", "x86_64", "https://r/baseos/"), repo("AppStream", "x86_64", "https://r/appstream/")));
        long appStream = before.repositories().get(1).id();

        Platform after = platforms.modify(admin, change("AlmaLinux-9", null, List.of(
                repo("BaseOS", "x86_64", "https://mirror/baseos/"), repo("CRB", "x86_64", "https://r/crb/")), null));

        assertThat(after.repositories()).extracting(Repository::name).containsExactly("BaseOS", "CRB");
        assertThat(after.repositories().get(0).id()).as("upserted by key").isEqualTo(before.repositories().get(0).id());
        assertThat(after.repositories().get(0).url()).isEqualTo("https://mirror/baseos/");
        assertThat(repositories.get(appStream).name()).as("unlinked, not deleted").isEqualTo("AppStream");
        assertThat(repositories.list(null, null)).hasSize(3);
    }

    @Test
    void modifyWithAnEmptyRepoListKeepsTheRepositories() {
        Platform before = platforms.create(admin, create("AlmaLinux-9", List.of("x86_64"),
                repo("BaseOS", "x86_64", "https://r/")));

        Platform after = platforms.modify(admin, change("AlmaLinux-9", null, List.of(), List.of()));

        assertThat(after.repositories()).isEqualTo(before.repositories());
    }

    @Test
    void modifyNeedsAnExistingPlatformAndASuperuser() {
        platforms.create(admin, create("AlmaLinux-9", List.of("x86_64")));

        assertThatThrownBy(() -> platforms.modify(admin, change("AlmaLinux-10", "10", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> platforms.modify(alice, change("AlmaLinux-9", "10", null, null)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> platforms.modify(admin, change("AlmaLinux-9", " ", null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(platforms.list().get(0).distrVersion()).isEqualTo("9");
    }

    @Test
    void referenceDataLoadsIdempotently() {
        List<PlatformSpec> data = List.of(reference("RHEL-9"), new PlatformSpec("AlmaLinux-9", "rpm", "almalinux",
                "9", null, null, null, null, null, List.of("x86_64"), null, null,
                List.of(repo("BaseOS", "x86_64", "https://r/")), null, null, null, List.of("RHEL-9")));

        List<Platform> first = platforms.loadReferenceData(data);
        List<Platform> second = platforms.loadReferenceData(data);

        assertThat(second).isEqualTo(first);
        assertThat(repositories.list(null, null)).hasSize(1);
        assertThat(second.get(1).referencePlatforms()).containsExactly("RHEL-9");
    }

    // ---- add / remove repositories ----

    @Test
    void repositoriesAreAddedAndRemovedById() {
        Platform p = platforms.create(admin, create("AlmaLinux-9", List.of("x86_64"),
                repo("BaseOS", "x86_64", "https://r/baseos/")));
        Platform other = platforms.create(admin, create("AlmaLinux-8", List.of("x86_64"),
                repo("BaseOS-8", "x86_64", "https://r8/baseos/")));
        long baseOs = p.repositories().get(0).id();
        long baseOs8 = other.repositories().get(0).id();

        Platform added = platforms.addRepositories(admin, p.id(), List.of(baseOs8, baseOs));
        assertThat(added.repositories()).extracting(Repository::id).containsExactly(baseOs, baseOs8);
        assertThat(repositories.get(baseOs8).platformId()).as("still the first platform's").isEqualTo(other.id());

        Platform removed = platforms.removeRepositories(admin, p.id(), List.of(baseOs, 12345L));
        assertThat(removed.repositories()).extracting(Repository::id).containsExactly(baseOs8);
        assertThat(repositories.get(baseOs).name()).isEqualTo("BaseOS");
    }

    @Test
    void addingUnknownRepositoriesOrToUnknownPlatformsIsNotFound() {
        Platform p = platforms.create(admin, create("AlmaLinux-9", List.of("x86_64")));

        assertThatThrownBy(() -> platforms.addRepositories(admin, p.id(), List.of(777L)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("777");
        assertThatThrownBy(() -> platforms.addRepositories(admin, 999, List.of()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> platforms.removeRepositories(admin, p.id(), null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> platforms.removeRepositories(admin, p.id(), List.of(0L)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> platforms.addRepositories(alice, p.id(), List.of()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    // ---- repository queries ----

    @Test
    void repositoriesAreListedInPagesAndFoundById() {
        platforms.create(admin, create("AlmaLinux-9", List.of("x86_64"), repo("A", "x86_64", "https://r/a/"),
                repo("B", "x86_64", "https://r/b/"), repo("C", "x86_64", "https://r/c/")));

        assertThat(repositories.list(2, 1L)).extracting(Repository::name).containsExactly("B", "C");
        assertThatThrownBy(() -> repositories.list(0, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repositories.list(RepositoryQueries.MAX_PAGE + 1, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repositories.list(null, -1L)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repositories.get(99)).isInstanceOf(NotFoundException.class);
    }
}
