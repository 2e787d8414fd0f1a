package cn.hongqiao.samecity.defaults.personal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operators' tool for personal-data keys, run from any service's jar:
 * {@code java -cp services-service.jar -Dloader.main=cn.hongqiao.samecity.defaults.personal.PersonalDataKeyTool
 * org.springframework.boot.loader.launch.PropertiesLauncher <command>}:
 * <ul>
 * <li>{@code generate}: new keys, printed (for a Secret: {@code kubectl create secret generic personal-data
 * --from-file=keyset=<file>});</li>
 * <li>{@code rotate <file>}: the keys in the file with a new primary key added, printed (deploy it; the
 * rotation job re-seals every value; when {@code personal_data_old_key_values} is 0...);</li>
 * <li>{@code drop-old <file>}: ...the keys with the primary ones only, printed.</li>
 * </ul>
 */
public final class PersonalDataKeyTool {

    private PersonalDataKeyTool() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "generate" -> System.out.println(PersonalDataKeys.generate().toJson());
            case "rotate" -> System.out.println(PersonalDataKeys.parse(Files.readString(Path.of(args[1]))).rotated().toJson());
            case "drop-old" -> System.out.println(PersonalDataKeys.parse(Files.readString(Path.of(args[1]))).withoutOldKeys().toJson());
            default -> {
                System.err.println("usage: PersonalDataKeyTool generate | rotate <keyset file> | drop-old <keyset file>");
                System.exit(2);
            }
        }
    }
}
