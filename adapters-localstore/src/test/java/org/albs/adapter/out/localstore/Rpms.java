package org.albs.adapter.out.localstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds tiny real RPM packages with {@code rpmbuild} (Debian package {@code rpm}) for tests and benchmarks: each
 * holds one small file, so its header, file list and checksums are real and {@code createrepo_c} and {@code dnf}
 * read them as any other package.
 */
public final class Rpms {
    /** What one build produced: the source package and the binary packages. */
    public record Built(Path sourceRpm, List<Path> binaries) {
        public Path binary() {
            return binaries.get(0);
        }
    }

    private Rpms() {
    }

    /**
     * Builds {@code name} with {@code subpackages} more packages {@code name-sub1…}: one spec, one rpmbuild run.
     *
     * @param arch {@code noarch} or a target architecture rpmbuild knows ({@code x86_64}, {@code i686}, …)
     */
    public static Built build(Path workDir, String name, String epoch, String version, String release, String arch,
                              int subpackages) {
        return build(workDir, name, epoch, version, release, arch, subpackages, false);
    }

    /**
     * Builds {@code name} for {@code arch} with {@code subpackages} more packages {@code name-sub1…}, which are
     * {@code noarch} when {@code noarchSubpackages} (as a -doc or -data package of an arch package is).
     */
    public static Built build(Path workDir, String name, String epoch, String version, String release, String arch,
                              int subpackages, boolean noarchSubpackages) {
        try {
            Path top = Files.createTempDirectory(Files.createDirectories(workDir), "rpmbuild-");
            StringBuilder spec = new StringBuilder();
            spec.append("Name: ").append(name).append('\n')
                    .append("Version: ").append(version).append('\n')
                    .append("Release: ").append(release).append('\n');
            if (epoch != null && !epoch.equals("0")) {
                spec.append("Epoch: ").append(epoch).append('\n');
            }
            spec.append("Summary: test package ").append(name).append('\n')
                    .append("License: MIT\n");
            if (arch.equals("noarch")) {
                spec.append("BuildArch: noarch\n");
            }
            spec.append("%description\nA test package.\n");
            for (int i = 1; i <= subpackages; i++) {
                spec.append("%package sub").append(i).append("\nSummary: part ").append(i)
                        .append(noarchSubpackages ? "\nBuildArch: noarch" : "")
                        .append("\n%description sub").append(i).append("\nPart ").append(i).append(".\n");
            }
            spec.append("%install\n");
            for (int i = 0; i <= subpackages; i++) {
                String dir = "%{buildroot}/usr/share/" + name + "/" + i;
                spec.append("mkdir -p ").append(dir).append("\necho ").append(name).append(' ').append(i)
                        .append(" > ").append(dir).append("/README\n");
            }
            spec.append("%files\n/usr/share/").append(name).append("/0/README\n");
            for (int i = 1; i <= subpackages; i++) {
                spec.append("%files sub").append(i).append("\n/usr/share/").append(name).append('/').append(i)
                        .append("/README\n");
            }
            Path specFile = top.resolve(name + ".spec");
            Files.writeString(specFile, spec);
            List<String> command = new ArrayList<>(List.of("rpmbuild", "-ba", "--quiet",
                    "--define", "_topdir " + top, "--define", "debug_package %{nil}",
                    "--define", "_build_id_links none"));
            if (!arch.equals("noarch")) {
                command.add("--target");
                command.add(arch);
            }
            command.add(specFile.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(top.resolve("rpmbuild.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("rpmbuild failed: " + Files.readString(top.resolve("rpmbuild.log")));
            }
            Path srpm;
            try (Stream<Path> s = Files.list(top.resolve("SRPMS"))) {
                srpm = s.findFirst().orElseThrow();
            }
            List<Path> binaries;
            try (Stream<Path> s = Files.walk(top.resolve("RPMS"))) {
                binaries = s.filter(f -> f.toString().endsWith(".rpm")).sorted().toList();
            }
            return new Built(srpm, binaries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Built build(Path workDir, String name, String version, String release, String arch) {
        return build(workDir, name, "0", version, release, arch, 0);
    }
}
