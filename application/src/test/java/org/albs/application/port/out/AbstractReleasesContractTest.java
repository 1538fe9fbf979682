package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildPlanner;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.NodeReport;
import org.albs.domain.builds.PlatformTarget;
import org.albs.domain.builds.RefType;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.release.PlannedPackage;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleaseEvent;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleasePlan;
import org.albs.domain.release.ReleaseStatus;
import org.albs.domain.release.TargetRepository;
import org.albs.domain.signing.SignKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Releases} does: the in-memory adapter and the PostgreSQL one run these. Subclasses supply ports
 * over a store where no release is; builds, platforms, repositories and keys are seeded through the other ports.
 */
public abstract class AbstractReleasesContractTest {
    protected QueueFixture f;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    /** file name → the header the import records for it */
    private final Map<String, PackageMeta> headers = new HashMap<>();

    protected abstract QueueFixture.Ports ports();

    protected abstract Releases releases();

    protected abstract Repositories repositories();

    protected abstract BuildArtifacts artifacts();

    protected abstract SignKeys keys();

    protected abstract SignTasks signTasks();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
    }

    private <T> T tx(Supplier<T> work) {
        return f.ports().tx().inTransaction(work);
    }

    private void run(Runnable work) {
        f.ports().tx().run(work);
    }

    // ---- plans and releases --------------------------------------------------------------------------------------

    private static TargetRepository target(long id, String name, int trustness, String matched) {
        return new TargetRepository(id, name, "x86_64", false, "https://repo.example.org/" + name + "/", trustness,
                matched);
    }

    private static PlannedPackage planned(String name, TargetRepository to) {
        String file = name + "-1.0-1.el9.x86_64.rpm";
        return new PlannedPackage(new ReleasePackage(100, 1, 2, name, "0", "1.0", "1.el9", "x86_64",
                "c".repeat(64), file, "x86_64", name + "-1.0-1.el9.src.rpm", false), List.of(to), List.of("x86_64"));
    }

    private static ReleasePlan plan(String... packages) {
        TargetRepository baseos = target(5, "almalinux-9-baseos", 1, "exact");
        List<PlannedPackage> planned = new ArrayList<>();
        for (String p : packages) {
            planned.add(planned(p, baseos));
        }
        return new ReleasePlan(planned, List.of(target(5, "almalinux-9-baseos", 0, null)), Map.of(), null);
    }

    private Release insert(Release r) {
        return tx(() -> releases().insert(r));
    }

    private Release release(Platform platform, UserId owner, ReleaseStatus status, Long productId,
                            ReleasePlan plan) {
        return insert(new Release(null, status, List.of(1L), List.of(), platform.id(), null, productId, plan, owner,
                T0, null, null));
    }

    @Test
    void aReleaseIsStoredFoundLockedUpdatedAndDeleted() {
        UserId owner = f.user("owner").id();
        Platform platform = f.platform("rel", "x86_64");
        Platform reference = f.platform("ref", "x86_64");
        ReleasePackage source = new ReleasePackage(7, 3, 4, "bash", "1", "5.1", "2.el9", "src", null,
                "bash-5.1-2.el9.src.rpm", "src", null, false);
        ReleasePackage binary = new ReleasePackage(8, 3, 5, "bash", "1", "5.1", "2.el9", "x86_64", "d".repeat(64),
                "bash-5.1-2.el9.x86_64.rpm", "x86_64", "bash-5.1-2.el9.src.rpm", true);
        TargetRepository devel = new TargetRepository(9, "almalinux-9-devel", "src", false, null, 0, null);
        ReleasePlan plan = new ReleasePlan(List.of(new PlannedPackage(source, List.of(devel), List.of("src")),
                new PlannedPackage(binary, List.of(target(5, "almalinux-9-baseos", 2, "closest")),
                        List.of("x86_64", "i686")),
                new PlannedPackage(binary, List.of(), List.of())),
                List.of(target(5, "almalinux-9-baseos", 0, null), devel),
                Map.of("bash-5.1-2.el9.x86_64.rpm", List.of(5L, 6L)), null);
        Release stored = insert(Release.scheduled(List.of(3L, 2L), List.of(5L, 4L), platform.id(), reference.id(),
                42L, plan, owner, T0));

        assertThat(stored.id()).isNotNull();
        assertThat(stored.status()).isEqualTo(ReleaseStatus.SCHEDULED);
        assertThat(releases().find(stored.id())).contains(stored);
        assertThat(tx(() -> releases().lock(stored.id()))).contains(stored);
        assertThat(releases().find(987654321L)).isEmpty();
        assertThat(tx(() -> releases().lock(987654321L))).isEmpty();

        Release edited = stored.edit(List.of(3L), List.of(), plan.withPackages(plan.packages().subList(0, 1),
                Map.of()));
        run(() -> releases().update(edited));
        assertThat(releases().find(stored.id())).contains(edited);
        Release done = edited.commit(T0.plusSeconds(60)).ended(ReleaseEvent.COMMIT_DONE,
                "Successfully committed release", T0.plusSeconds(90));
        run(() -> releases().update(done));
        Release read = releases().find(stored.id()).orElseThrow();
        assertThat(read).isEqualTo(done);
        assertThat(read.plan().lastLog()).isEqualTo("Successfully committed release");
        assertThat(read.startedAt()).isEqualTo(T0.plusSeconds(60));

        run(() -> releases().recordPlacements(stored.id(), List.of(new ReleaseCommit.Placement(
                repository(platform, "x86_64", true, false).id(), 8, "h", binary.nevra(), binary.fullName()))));
        run(() -> releases().delete(stored.id()));
        assertThat(releases().find(stored.id())).isEmpty();
        assertThat(releases().placements(stored.id())).as("its placements go with it").isEmpty();
    }

    @Test
    void pagesAreNewestFirstAndFiltered() {
        UserId owner = f.user("owner").id();
        Platform a = f.platform("a", "x86_64");
        Platform b = f.platform("b", "x86_64");
        Release first = release(a, owner, ReleaseStatus.SCHEDULED, 7L, plan("bash", "zlib"));
        Release second = release(a, owner, ReleaseStatus.COMPLETED, null, plan("bash-completion"));
        ReleasePlan intoBash = new ReleasePlan(List.of(planned("zsh", target(6, "bash", 1, "exact"))), List.of(),
                Map.of(), null);
        Release third = release(b, owner, ReleaseStatus.SCHEDULED, 7L, intoBash);
        Optional<Long> none = Optional.empty();

        assertThat(page(none, Optional.empty(), Optional.empty(), none)).containsExactly(third, second, first);
        assertThat(releases().page(Releases.Filter.none(), 1, 1)).containsExactly(second);
        assertThat(releases().count(Releases.Filter.none())).isEqualTo(3);
        assertThat(page(Optional.of(a.id()), Optional.empty(), Optional.empty(), none))
                .containsExactly(second, first);
        assertThat(page(none, Optional.of(ReleaseStatus.SCHEDULED), Optional.empty(), none))
                .containsExactly(third, first);
        assertThat(page(none, Optional.empty(), Optional.of("bash"), none)).as("a planned package's very name")
                .containsExactly(first);
        assertThat(page(none, Optional.empty(), Optional.of("zsh"), none)).containsExactly(third);
        assertThat(page(none, Optional.empty(), Optional.of("bas"), none)).isEmpty();
        assertThat(page(none, Optional.empty(), Optional.empty(), Optional.of(7L))).containsExactly(third, first);
        assertThat(page(Optional.of(a.id()), Optional.of(ReleaseStatus.SCHEDULED), Optional.of("zlib"),
                Optional.of(7L))).containsExactly(first);
        assertThat(releases().count(new Releases.Filter(Optional.of(b.id()), Optional.of(ReleaseStatus.COMPLETED),
                Optional.empty(), none))).isZero();
        assertThat(releases().count(new Releases.Filter(none, Optional.empty(), Optional.of("bash-completion"),
                none))).isEqualTo(1);
    }

    private List<Release> page(Optional<Long> platform, Optional<ReleaseStatus> status, Optional<String> name,
                               Optional<Long> product) {
        return releases().page(new Releases.Filter(platform, status, name, product), 0, 10);
    }

    // ---- builds and their packages -------------------------------------------------------------------------------

    private String rpm(String name, String arch) {
        String file = name + "-1.0-1.el9." + arch + ".rpm";
        headers.put(file, new PackageMeta(name, arch.equals("src") ? "0" : "2", "1.0", "1.el9", arch,
                arch.equals("src") ? null : name + "-1.0-1.el9.src.rpm"));
        return file;
    }

    /** The node builds the task, reporting these files (a log when the name ends with .log); the task ends. */
    private void build(User node, long taskId, NodeOutcome outcome, String... files) {
        f.claim(node, taskId, T0);
        tx(() -> {
            List<BuiltArtifact> built = new ArrayList<>();
            for (String file : files) {
                built.add(new BuiltArtifact(file, file.endsWith(".log") ? "build_log" : "rpm",
                        "/pulp/api/v3/artifacts/" + file + "/", "a".repeat(64), null));
            }
            BuildTask.Reported r = ports().queue().lock(taskId).orElseThrow().report(node.id(),
                    new NodeReport(outcome, built, null, null), "el9", T0);
            return ports().results().store(new TaskResults.Report(r.change(), built, Map.of(), null,
                    r.deliveredSrpm(), false, 1));
        });
    }

    /** The import recorded the content and header of the task's artifacts, except those named. */
    private void imported(long taskId, String... notImported) {
        run(() -> {
            for (BuildArtifacts.ArtifactRecord a : artifacts().ofTask(taskId)) {
                String name = a.artifact().name();
                if (!List.of(notImported).contains(name)) {
                    artifacts().recordContent(a.id(), new StoredContent("content-" + a.id(), "b".repeat(64),
                            headers.get(name)));
                }
            }
        });
    }

    private long artifactId(long taskId, String file) {
        return tx(() -> artifacts().ofTask(taskId)).stream().filter(a -> a.artifact().name().equals(file))
                .findFirst().orElseThrow().id();
    }

    /** A build of one package on one platform for x86_64 and i686: all built, i686 failed. */
    private QueueFixture.SeededBuild built(User owner, User node, Platform platform, String name) {
        QueueFixture.SeededBuild b = f.build(owner, platform, List.of("x86_64", "i686"), true, name);
        build(node, b.task("src", 0), NodeOutcome.DONE, rpm(name, "src"), "src.log");
        build(node, b.task("x86_64", 0), NodeOutcome.DONE, rpm(name, "x86_64"), rpm(name + "-debuginfo", "x86_64"),
                rpm(name + "-unimported", "noarch"));
        build(node, b.task("i686", 0), NodeOutcome.FAILED, rpm(name, "i686"));
        imported(b.task("src", 0));
        imported(b.task("x86_64", 0), name + "-unimported-1.0-1.el9.noarch.rpm");
        imported(b.task("i686", 0));
        return b;
    }

    @Test
    void buildFactsTellOwnerPlatformsOfItsTasksFinishedAndReleased() {
        User owner = f.user("owner");
        Platform p = f.platform("p", "x86_64");
        Platform q = f.platform("q", "x86_64");
        List<BuildTaskRef> refs = List.of(new BuildTaskRef(QueueFixture.packageUrl("bash"), "c9",
                RefType.GIT_BRANCH, null, null, null));
        Builds.NewBuild spec = new Builds.NewBuild(owner.id(), null, false, null, List.of());
        long id = tx(() -> ports().builds().create(spec, refs, BuildPlanner.plan(List.of(
                new PlatformTarget(p, List.of("x86_64"), true), new PlatformTarget(q, List.of("x86_64"), true)),
                refs, null, false), T0));
        long other = f.build(owner, p, List.of("x86_64"), true, "zsh").id();

        Map<Long, Releases.BuildFacts> facts = tx(() -> releases().builds(List.of(id, other, 987654321L)));
        assertThat(facts).containsOnlyKeys(id, other);
        assertThat(facts.get(id)).isEqualTo(new Releases.BuildFacts(id, owner.id(), Set.of(p.id(), q.id()), false,
                false, null));
        assertThat(facts.get(other).platformIds()).containsExactly(p.id());

        Release release = release(p, owner.id(), ReleaseStatus.IN_PROGRESS, null, plan("bash"));
        run(() -> {
            ports().builds().setFinishedAt(id, T0);
            releases().markReleased(List.of(id), release.id());
        });
        assertThat(tx(() -> releases().builds(List.of(id))).get(id)).isEqualTo(new Releases.BuildFacts(id,
                owner.id(), Set.of(p.id(), q.id()), true, true, release.id()));
        assertThat(tx(() -> releases().builds(List.of(other))).get(other).released()).as("not named").isFalse();
        run(() -> releases().markReleased(List.of(id, other), null));
        assertThat(tx(() -> releases().builds(List.of(id, other))).values())
                .allSatisfy(b -> {
                    assertThat(b.released()).isFalse();
                    assertThat(b.releaseId()).isNull();
                });
    }

    @Test
    void packagesAreTheImportedRpmsOfCompletedTasksInBuildTaskAndArtifactOrder() {
        User owner = f.user("owner");
        User node = f.user("node");
        Platform p = f.platform("p", "x86_64", "i686");
        Platform q = f.platform("q", "x86_64", "i686");
        QueueFixture.SeededBuild first = built(owner, node, p, "bash");
        QueueFixture.SeededBuild second = built(owner, node, p, "zsh");
        QueueFixture.SeededBuild elsewhere = built(owner, node, q, "ksh");

        List<ReleasePackage> all = tx(() -> releases().packages(List.of(second.id(), first.id(), elsewhere.id()),
                List.of(), List.of(p.id())));
        assertThat(all).extracting(ReleasePackage::fullName).containsExactly(
                "bash-1.0-1.el9.src.rpm", "bash-1.0-1.el9.x86_64.rpm", "bash-debuginfo-1.0-1.el9.x86_64.rpm",
                "zsh-1.0-1.el9.src.rpm", "zsh-1.0-1.el9.x86_64.rpm", "zsh-debuginfo-1.0-1.el9.x86_64.rpm");
        long x86 = first.task("x86_64", 0);
        long binary = artifactId(x86, "bash-1.0-1.el9.x86_64.rpm");
        assertThat(all.get(1)).as("the store's handle recorded at import is its artifact href").isEqualTo(
                new ReleasePackage(binary, first.id(), x86, "bash", "2", "1.0", "1.el9", "x86_64", "b".repeat(64),
                        "bash-1.0-1.el9.x86_64.rpm", "x86_64", "bash-1.0-1.el9.src.rpm", false, "content-" + binary,
                        false));
        assertThat(all.get(0).sourceRpm()).isNull();
        assertThat(all.get(0).taskArch()).isEqualTo("src");

        assertThat(tx(() -> releases().packages(List.of(first.id(), second.id()), List.of(x86), List.of(p.id()))))
                .extracting(ReleasePackage::fullName)
                .containsExactly("bash-1.0-1.el9.x86_64.rpm", "bash-debuginfo-1.0-1.el9.x86_64.rpm");
        assertThat(tx(() -> releases().packages(List.of(first.id(), elsewhere.id()), List.of(),
                List.of(p.id(), q.id())))).extracting(ReleasePackage::buildId).containsOnly(first.id(),
                elsewhere.id()).hasSize(6);
    }

    private SignKey key(List<Long> platforms) {
        String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").toUpperCase();
        long id = tx(() -> keys().insert(new SignKey(0, "k", null, hex.substring(0, 16), hex.substring(16, 56), null,
                T0, true, null, platforms, null, false, null)));
        return keys().find(id).orElseThrow();
    }

    @Test
    void artifactsAreAsTheyAreNowAndSignKeysAreThePlatforms() {
        User owner = f.user("owner");
        User node = f.user("node");
        Platform p = f.platform("p", "x86_64", "i686");
        Platform q = f.platform("q", "x86_64");
        QueueFixture.SeededBuild b = built(owner, node, p, "bash");
        long x86 = b.task("x86_64", 0);
        long rpm = artifactId(x86, "bash-1.0-1.el9.x86_64.rpm");
        long unimported = artifactId(x86, "bash-unimported-1.0-1.el9.noarch.rpm");

        assertThat(tx(() -> releases().artifacts(List.of(rpm, unimported, 987654321L)))).isEqualTo(Map.of(
                rpm, new ReleaseCommit.Artifact("content-" + rpm, null),
                unimported, new ReleaseCommit.Artifact(null, null)));

        SignKey k = key(List.of(p.id()));
        SignKey both = key(List.of(p.id(), q.id()));
        key(List.of());
        assertThat(tx(() -> releases().signKeys(List.of(p.id())))).containsExactlyInAnyOrder(k.id(), both.id());
        assertThat(tx(() -> releases().signKeys(List.of(q.id())))).containsExactly(both.id());
        assertThat(tx(() -> releases().signKeys(List.of(987654321L)))).isEmpty();

        run(() -> signTasks().recordSignature(b.id(), k.id(), Map.of(rpm, new SignTasks.Signed("/signed/" + rpm,
                new StoredContent("signed-" + rpm, "e".repeat(64), headers.get("bash-1.0-1.el9.x86_64.rpm"))))));
        assertThat(tx(() -> releases().artifacts(List.of(rpm)))).containsExactly(
                Map.entry(rpm, new ReleaseCommit.Artifact("signed-" + rpm, k.id())));
        assertThat(tx(() -> releases().packages(List.of(b.id()), List.of(x86), List.of(p.id()))).get(0).sha256())
                .as("the signed package's checksum").isEqualTo("e".repeat(64));

        run(() -> ports().builds().delete(b.id()));
        assertThat(tx(() -> releases().artifacts(List.of(rpm, unimported)))).isEmpty();
    }

    // ---- production repositories and placements -----------------------------------------------------------------

    private Repository repository(Platform platform, String arch, boolean production, boolean debug) {
        return tx(() -> repositories().upsert(new Repository(null, platform.name() + "-prod-" + suffix, arch,
                "https://repo.example.org/" + platform.name() + "/" + arch + (debug ? "/debug/" : "/"), "rpm", debug,
                10, production, false, null, null, null)));
    }

    private Platform link(Platform p, Repository... repos) {
        return tx(() -> ports().platforms().update(new Platform(p.id(), p.name(), p.type(), p.distrType(),
                p.distrVersion(), p.testDistName(), p.contactMail(), p.copyright(), p.pgpKey(), p.priority(),
                p.archList(), p.copyPriorityArches(), p.weakArchList(), p.data(), p.modularity(), p.reference(),
                List.of(repos), p.referencePlatforms())));
    }

    @Test
    void productionRepositoriesAreTheLinkedOnesMarkedProduction() {
        Platform p = f.platform("p", "x86_64");
        Platform q = f.platform("q", "x86_64");
        Repository debug = repository(p, "x86_64", true, true);
        Repository plain = repository(p, "x86_64", true, false);
        Repository build = repository(p, "i686", false, false);
        Repository others = repository(q, "x86_64", true, false);
        link(p, build, plain, debug);
        link(q, others);

        assertThat(tx(() -> releases().productionRepositories(p.id()))).containsExactly(
                new Releases.ProductionRepository(debug.id(), debug.name(), "x86_64", true, debug.url(), null, null),
                new Releases.ProductionRepository(plain.id(), plain.name(), "x86_64", false, plain.url(), null,
                        null));
        run(() -> releases().linkToStore(plain.id(), "/pulp/api/v3/repositories/rpm/rpm/1/",
                "https://store.example.org/prod/" + plain.id() + "/"));
        assertThat(tx(() -> releases().productionRepositories(p.id())).get(1)).isEqualTo(
                new Releases.ProductionRepository(plain.id(), plain.name(), "x86_64", false, plain.url(),
                        "/pulp/api/v3/repositories/rpm/rpm/1/", "https://store.example.org/prod/" + plain.id() + "/"));
        assertThat(tx(() -> releases().productionRepositories(987654321L))).isEmpty();
    }

    private static ReleaseCommit.Placement placed(Repository repo, long artifact, String handle, String name) {
        return new ReleaseCommit.Placement(repo.id(), artifact, handle, ReleasePackage.nevra(name, "0", "1.0",
                "1.el9", "x86_64"), name + "-1.0-1.el9.x86_64.rpm");
    }

    private static String nevra(String name) {
        return ReleasePackage.nevra(name, "0", "1.0", "1.el9", "x86_64");
    }

    @Test
    void placementsAreRecordedOnceInOrderAndShowWhereReleasesPutWhat() {
        UserId owner = f.user("owner").id();
        Platform p = f.platform("p", "x86_64");
        Platform q = f.platform("q", "x86_64");
        Repository baseos = repository(p, "x86_64", true, false);
        Repository debug = repository(p, "x86_64", true, true);
        Repository notProduction = repository(p, "i686", false, false);
        Repository others = repository(q, "x86_64", true, false);
        link(p, baseos, debug, notProduction);
        link(q, others);
        long a = release(p, owner, ReleaseStatus.IN_PROGRESS, null, plan("bash")).id();
        long b = release(p, owner, ReleaseStatus.IN_PROGRESS, null, plan("bash")).id();

        List<ReleaseCommit.Placement> recorded = List.of(placed(baseos, 11, "h-bash", "bash"),
                placed(debug, 12, "h-bash-debuginfo", "bash-debuginfo"), placed(baseos, 13, "h-zsh", "zsh"),
                placed(debug, 11, "h-bash", "bash"));
        run(() -> releases().recordPlacements(a, recorded));
        run(() -> releases().recordPlacements(a, List.of(placed(baseos, 11, "h-bash", "bash"))));
        assertThat(releases().placements(a)).as("once each, in the order recorded").containsExactlyElementsOf(
                recorded);
        run(() -> releases().recordPlacements(b, List.of(placed(notProduction, 14, "h-ksh", "ksh"),
                placed(others, 15, "h-csh", "csh"), placed(baseos, 16, "h-bash-forced", "bash"))));

        assertThat(tx(() -> releases().presence(p.id(), List.of(nevra("bash"), nevra("zsh"), nevra("ksh"),
                nevra("csh"), nevra("tcsh"))))).isEqualTo(Map.of(nevra("bash"), Set.of(baseos.id(), debug.id()),
                nevra("zsh"), Set.of(baseos.id())));
        assertThat(tx(() -> releases().contents(List.of(baseos.id(), debug.id()), List.of(nevra("bash"),
                nevra("zsh"), nevra("bash-debuginfo"))))).as("the content put there last").isEqualTo(Map.of(
                baseos.id(), Map.of(nevra("bash"), "h-bash-forced", nevra("zsh"), "h-zsh"),
                debug.id(), Map.of(nevra("bash"), "h-bash", nevra("bash-debuginfo"), "h-bash-debuginfo")));
        assertThat(tx(() -> releases().contents(List.of(others.id()), List.of(nevra("bash"))))).isEmpty();

        run(() -> releases().removePlacements(a, baseos.id()));
        assertThat(releases().placements(a)).containsExactly(recorded.get(1), recorded.get(3));
        assertThat(tx(() -> releases().presence(p.id(), List.of(nevra("zsh"))))).isEmpty();
        assertThat(releases().placements(b)).hasSize(3);
    }
}
