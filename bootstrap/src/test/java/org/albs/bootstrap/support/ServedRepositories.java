package org.albs.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Yum repositories as a client reads them over HTTP: their primary metadata, and what the real dnf lists. */
public final class ServedRepositories {
    private static final Pattern PACKAGE = Pattern.compile(
            "<package type=\"rpm\">.*?<arch>([^<]+)</arch>.*?<checksum type=\"sha256\" pkgid=\"YES\">([0-9a-f]{64})"
                    + "</checksum>.*?<location href=\"([^\"]+)\"", Pattern.DOTALL);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServedRepositories() {
    }

    /** A GET, with a {@code Range} header when {@code range} is not null. */
    public static HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** file name → sha256 of every package in the repository's primary metadata. */
    public static Map<String, String> primary(String repoUrl) throws Exception {
        String repomd = new String(get(repoUrl + "repodata/repomd.xml", null).body());
        Matcher m = Pattern.compile("<data type=\"primary\">.*?<location href=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(repomd);
        assertThat(m.find()).as("repomd.xml of %s names its primary metadata", repoUrl).isTrue();
        byte[] gz = get(repoUrl + m.group(1), null).body();
        String xml;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            xml = new String(in.readAllBytes());
        }
        Map<String, String> packages = new LinkedHashMap<>();
        Matcher p = PACKAGE.matcher(xml);
        while (p.find()) {
            String location = p.group(3);
            packages.put(location.substring(location.lastIndexOf('/') + 1), p.group(2));
        }
        return packages;
    }

    /** What the real dnf lists in the repository, as name-version-release.arch (its cache in {@code work}). */
    public static List<String> dnfList(String repoUrl, Path work) throws Exception {
        Path cache = Files.createTempDirectory(work, "dnf-cache");
        Process p = new ProcessBuilder("dnf", "-q", "--setopt=reposdir=/dev/null", "--setopt=cachedir=" + cache,
                "--releasever=8", "--repofrompath=b," + repoUrl, "--repo=b", "repoquery",
                "--qf", "%{name}-%{version}-%{release}.%{arch}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("dnf: %s", out).isZero();
        return Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).sorted().toList();
    }
}
