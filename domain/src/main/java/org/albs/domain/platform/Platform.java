package org.albs.domain.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A distribution release that builds target (AlmaLinux-8, AlmaLinux-9 ...): its architectures, the mock
 * configuration every build node receives ({@code data}) and its base repositories.
 */
public record Platform(Long id, String name, String type, String distrType, String distrVersion,
                       String testDistName, String contactMail, String copyright, String pgpKey, Integer priority,
                       List<String> archList, List<String> copyPriorityArches, List<Object> weakArchList,
                       Map<String, Object> data, Map<String, Object> modularity, boolean reference,
                       List<Repository> repositories, List<String> referencePlatforms) {
    public Platform {
        Objects.requireNonNull(name, "name");
        archList = List.copyOf(archList);
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        referencePlatforms = referencePlatforms == null ? List.of() : List.copyOf(referencePlatforms);
        data = data == null ? Map.of() : data;
    }

    /**
     * The distribution a platform name names: the part before its version, without leading or trailing {@code -}
     * ({@code AlmaLinux-8} → {@code AlmaLinux}, {@code CentOS-Stream-9-beta} → {@code CentOS-Stream}), as the package
     * knowledge base and the production repositories name it.
     */
    public static String distributionName(String platformName) {
        int end = 0;
        while (end < platformName.length() && !Character.isDigit(platformName.charAt(end))) {
            end++;
        }
        int begin = 0;
        while (begin < end && platformName.charAt(begin) == '-') {
            begin++;
        }
        while (end > begin && platformName.charAt(end - 1) == '-') {
            end--;
        }
        return platformName.substring(begin, end);
    }
}
