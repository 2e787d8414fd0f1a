package cn.hongqiao.samecity.enterprise.leads;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The officers' main report: for a set of leads, how many are at each stage now, how many ever
 * reached each stage, the conversion from each stage to the next, and the median days spent in
 * each stage by the leads that left it.
 */
public record Funnel(long leads, Map<LeadStage, Long> atStage, Map<LeadStage, Long> reached,
        Map<String, BigDecimal> conversion, Map<LeadStage, BigDecimal> medianDaysInStage) {

    static final List<LeadStage> PATH = List.of(LeadStage.LEAD, LeadStage.NEGOTIATING, LeadStage.SIGNED, LeadStage.LANDED);

    static Funnel of(List<Lead> leads) {
        Map<LeadStage, Long> atStage = new EnumMap<>(LeadStage.class);
        Map<LeadStage, Long> reached = new EnumMap<>(LeadStage.class);
        Map<LeadStage, List<Double>> days = new EnumMap<>(LeadStage.class);
        for (LeadStage stage : LeadStage.values()) {
            atStage.put(stage, 0L);
            reached.put(stage, 0L);
        }
        for (Lead lead : leads) {
            atStage.merge(lead.stage(), 1L, Long::sum);
            List<Lead.Move> moves = lead.moves();
            for (int i = 0; i < moves.size(); i++) {
                Lead.Move move = moves.get(i);
                reached.merge(move.to(), 1L, Long::sum);
                if (i + 1 < moves.size()) {
                    double spent = Duration.between(move.at(), moves.get(i + 1).at()).toMinutes() / 1440.0;
                    days.computeIfAbsent(move.to(), s -> new ArrayList<>()).add(spent);
                }
            }
        }
        Map<String, BigDecimal> conversion = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < PATH.size(); i++) {
            long from = reached.get(PATH.get(i));
            long to = reached.get(PATH.get(i + 1));
            conversion.put(PATH.get(i) + "->" + PATH.get(i + 1),
                    from == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(to).divide(BigDecimal.valueOf(from), 4, RoundingMode.HALF_UP));
        }
        Map<LeadStage, BigDecimal> medians = new EnumMap<>(LeadStage.class);
        days.forEach((stage, values) -> medians.put(stage, median(values)));
        return new Funnel(leads.size(), atStage, reached, conversion, medians);
    }

    private static BigDecimal median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return BigDecimal.valueOf(median).setScale(1, RoundingMode.HALF_UP);
    }
}
