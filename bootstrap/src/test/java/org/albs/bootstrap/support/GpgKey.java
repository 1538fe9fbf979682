package org.albs.bootstrap.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A throw-away GnuPG key in a home of its own, signing packages with {@code rpmsign} as the sign node does, and
 * {@code rpm -K} against an rpm database that knows only its public half (Debian packages {@code gnupg}, {@code rpm}).
 */
public final class GpgKey {
    public final String keyid;
    public final String fingerprint;
    private final Path dir;
    private final Path home;

    private GpgKey(Path dir, Path home, String keyid, String fingerprint) {
        this.dir = dir;
        this.home = home;
        this.keyid = keyid;
        this.fingerprint = fingerprint;
    }

    public static GpgKey generate(Path dir) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("key.params"), """
                %no-protection
                Key-Type: RSA
                Key-Length: 2048
                Name-Real: ALBS test signer
                Name-Email: signer@example.com
                Expire-Date: 0
                %commit
                """);
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        run(dir, env, "gpg", "--batch", "--gen-key", "key.params");
        String keyid = null;
        String fingerprint = null;
        for (String line : run(dir, env, "gpg", "--batch", "--with-colons", "--list-secret-keys").split("\n")) {
            String[] f = line.split(":");
            if (f[0].equals("sec") && keyid == null) {
                keyid = f[4];
            } else if (f[0].equals("fpr") && fingerprint == null) {
                fingerprint = f[9];
            }
        }
        return new GpgKey(dir, home, keyid, fingerprint);
    }

    /** Signs the package in place, as the sign node's {@code rpmsign --addsign} does. */
    public void sign(Path rpm) throws IOException, InterruptedException {
        run(dir, Map.of("GNUPGHOME", home.toString()), "rpmsign", "--addsign", "--define", "_gpg_name " + keyid,
                "--define", "_gpg_path " + home, "--define", "__gpg /usr/bin/gpg", rpm.toString());
    }

    /** {@code rpm -K} of the package with an rpm database that holds this key's public half (or none). */
    public String check(Path rpm, boolean withKey) throws IOException, InterruptedException {
        Path db = dir.resolve(withKey ? "rpmdb-with-key" : "rpmdb-empty");
        if (withKey && !Files.exists(db)) {
            Path pub = dir.resolve("pub.asc");
            Files.writeString(pub, run(dir, Map.of("GNUPGHOME", home.toString()), "gpg", "--batch", "--armor",
                    "--export", keyid));
            run(dir, Map.of(), "rpm", "--dbpath", db.toString(), "--import", pub.toString());
        }
        return run(dir, Map.of(), "sh", "-c", "rpm --dbpath " + db + " -K " + rpm + " || true");
    }

    /** Runs a command in {@code dir}; its output, or an exception naming it when it fails. */
    public static String run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + rc + "): " + out);
        }
        return out;
    }
}
