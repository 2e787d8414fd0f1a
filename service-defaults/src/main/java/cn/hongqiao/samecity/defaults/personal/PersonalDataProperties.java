package cn.hongqiao.samecity.defaults.personal;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.personal-data}: where a service that stores {@link PersonalData} gets its keys.
 *
 * @param keyset          the keys themselves ({@code PERSONAL_DATA_KEYSET}: a Kubernetes Secret's value)
 * @param keysetFile      or a file holding them ({@code PERSONAL_DATA_KEYSET_FILE})
 * @param createKeyset    make the file with new keys when it does not exist: local mode only
 * @param collections     the collections holding personal data, for the rotation job
 * @param rotationSchedule when the rotation job runs besides at start (cron): nightly at 02:45
 */
@ConfigurationProperties("platform.personal-data")
public record PersonalDataProperties(@Nullable String keyset, @Nullable Path keysetFile, boolean createKeyset, List<String> collections,
        String rotationSchedule) {

    public PersonalDataProperties {
        keyset = keyset == null || keyset.isBlank() ? null : keyset;
        collections = collections == null ? List.of() : List.copyOf(collections);
        rotationSchedule = rotationSchedule == null || rotationSchedule.isBlank() ? "0 45 2 * * *" : rotationSchedule;
    }
}
