package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;

/**
 * Benchmark (a program, not a test; bench/localstore-metadata.sh runs it): how long the embedded store takes to
 * update a repository of {@code N} packages (default 2,000) after adding 10, next to {@code createrepo_c --update}
 * run by hand on a copy of the same repository.
 */
public final class MetadataBench {
    private MetadataBench() {
    }

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int added = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("albs-metadata-bench-");
        try {
            run(work, packages, added, rounds);
        } finally {
            Repodata.deleteTree(work);
        }
    }

    private static void run(Path work, int packages, int added, int rounds) throws IOException, InterruptedException {
        Path root = work.resolve("store");
        Blobs blobs = new Blobs(root);
        LocalArtifactStore store = new LocalArtifactStore(blobs, root, "http://localhost:8080/content/",
                "createrepo_c", Duration.ofMinutes(10));
        long t0 = System.nanoTime();
        Rpms.Built base = Rpms.build(work.resolve("rpmbuild"), "benchbase", "0", "1.0", "1", "noarch", packages - 1);
        System.out.printf("built %d packages with rpmbuild in %.1f s%n", base.binaries().size(), secs(t0));
        BuildRepository spec = new BuildRepository("bench-x86_64-1-br", ContentKind.RPM, "rpm", "x86_64", false, 1L,
                "builds/bench-x86_64-1-br");
        StoredRepository repo = store.createRepository(spec);
        long t1 = System.nanoTime();
        store.startChange(repo, content(store, blobs, base.binaries()), Set.of());
        double change = secs(t1);
        long t2 = System.nanoTime();
        store.startPublication(repo);
        System.out.printf("first import of %d packages: change %.2f s, metadata %.2f s%n", packages, change,
                secs(t2));
        List<Double> ours = new ArrayList<>();
        List<Double> byHand = new ArrayList<>();
        Path dir = root.resolve("content").resolve(spec.basePath());
        for (int r = 0; r < rounds; r++) {
            Rpms.Built more = Rpms.build(work.resolve("rpmbuild"), "benchmore" + r, "0", "1.0", "1", "noarch",
                    added - 1);
            List<String> handles = content(store, blobs, more.binaries());
            Path copy = work.resolve("by-hand-" + r);
            copyTree(dir, copy);
            long t3 = System.nanoTime();
            store.startChange(repo, handles, Set.of());
            store.startPublication(repo);
            ours.add(secs(t3));
            for (Path p : more.binaries()) {
                Path target = copy.resolve("Packages").resolve(p.getFileName().toString().substring(0, 1))
                        .resolve(p.getFileName());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
            long t4 = System.nanoTime();
            Process p = new ProcessBuilder("createrepo_c", "--update", "--quiet", copy.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("createrepo_c by hand failed");
            }
            byHand.add(secs(t4));
            Repodata.deleteTree(copy);
        }
        System.out.printf("repository of %d packages, %d added, %d rounds:%n", packages, added, rounds);
        System.out.printf("  embedded store (change + createrepo_c --update): median %.2f s  %s%n", median(ours),
                format(ours));
        System.out.printf("  createrepo_c --update by hand:                    median %.2f s  %s%n", median(byHand),
                format(byHand));
        System.out.printf("  ratio: %.2f (target: under 2 s, or within 2x of by hand)%n",
                median(ours) / median(byHand));
    }

    private static List<String> content(LocalArtifactStore store, Blobs blobs, List<Path> files) throws IOException {
        List<String> handles = new ArrayList<>();
        for (Path f : files) {
            Path staged = Files.createTempFile(blobs.stagingDir(), "bench", ".part");
            Files.copy(f, staged, StandardCopyOption.REPLACE_EXISTING);
            Blobs.Blob blob = blobs.adopt(staged, Blobs.sha256Of(staged));
            handles.addAll(store.await(store.startContent(ContentKind.RPM, blob.artifactHref(),
                    f.getFileName().toString())));
        }
        return handles;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith(".")) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }
}
