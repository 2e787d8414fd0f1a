import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Bench data for bench/applications.sh: N applications in services-service's embedded database,
 * shaped as the service stores them, spread over 5 departments and the lifecycle, a share of them
 * accepted and past due. Usage: java -cp <mongodb driver jars> GenerateApplications.java URI N
 */
public class GenerateApplications {

    static final String[] DEPARTMENTS = { "红桥区医疗保障局", "红桥区人力资源和社会保障局", "红桥区市场监督管理局", "红桥区公安分局", "红桥区民政局" };
    static final String[] STATUSES = { "SUBMITTED", "PRE_REVIEW", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "COMPLETED", "COMPLETED", "WITHDRAWN" };

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        Random random = new Random(42);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoCollection<Document> applications = client.getDatabase("services").getCollection("applications");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                LocalDate submitted = today.minusDays(random.nextInt(365));
                Document doc = new Document("_id", new ObjectId())
                        .append("itemId", "000000000000000000000001").append("itemCode", "BENCH-ITEM").append("itemName", "基准事项")
                        .append("department", DEPARTMENTS[i % DEPARTMENTS.length]).append("promisedWorkingDays", 5)
                        .append("intakeRegion", "120106").append("handlingRegion", "120106")
                        .append("applicant", new Document("kind", "CITIZEN").append("name", "基准申请人")
                                .append("idType", "RESIDENT_ID").append("idNumber", String.format("120106199001%06d", i)))
                        .append("applicantSubject", "bench-citizen-" + (i % 1000)).append("idempotencyKey", "bench-" + i)
                        .append("requestFingerprint", "bench").append("materials", List.of()).append("status", status)
                        .append("submittedAt", Date.from(submitted.atStartOfDay().toInstant(ZoneOffset.UTC)))
                        .append("pausedWorkingDays", 0).append("moves", List.of())
                        .append("verification", new Document("status", "NOT_NEEDED"))
                        .append("version", 0L).append("_class", "cn.hongqiao.samecity.publicservices.applications.Application");
                if (!status.equals("SUBMITTED") && !status.equals("PRE_REVIEW") && !status.equals("WITHDRAWN")) {
                    LocalDate accepted = submitted.plusDays(random.nextInt(5));
                    doc.append("acceptedOn", date(accepted)).append("dueOn", date(accepted.plusDays(7)));
                }
                batch.add(doc);
                if (batch.size() == 1000) {
                    applications.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                applications.insertMany(batch);
            }
            System.out.println("inserted " + n + " applications at " + Instant.now());
        }
    }

    static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
