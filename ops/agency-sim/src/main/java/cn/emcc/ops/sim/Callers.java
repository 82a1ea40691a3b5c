package cn.emcc.ops.sim;

import java.util.List;
import java.util.Random;

/** What callers say about where they are, and their masked phone numbers. */
final class Callers {

    private static final List<String> STREETS = List.of("人民路", "解放路", "建设路", "和平路", "中山路", "胜利街",
            "文化路", "新华路", "工业南路", "泰山路", "黄河路", "长江路", "府前街", "青年路", "光明街", "幸福街",
            "东风路", "振兴路", "育才路", "银河路");
    private static final List<String> NEAR = List.of("附近", "路口", "小区门口", "超市门口", "公交站旁", "加油站对面");
    private static final List<String> MOBILE_PREFIXES = List.of("130", "131", "132", "133", "135", "136", "137",
            "138", "139", "150", "151", "152", "155", "156", "158", "159", "177", "180", "181", "182", "183", "186",
            "187", "188", "189", "199");

    private Callers() {
    }

    /** e.g. "济南市历下区文化路118号附近". */
    static String address(Place place, Random random) {
        return place.fullName() + pick(STREETS, random) + (1 + random.nextInt(399)) + "号" + pick(NEAR, random);
    }

    /** A second caller describes the same spot from across the street. */
    static String nearbyAddress(Place place, Random random) {
        String a = pick(STREETS, random);
        String b = pick(STREETS, random);
        return place.fullName() + a + (a.equals(b) ? "" : "与" + b + "交叉口") + "附近";
    }

    /** e.g. "138****1234": the contract never carries the full number. */
    static String maskedMobile(Random random) {
        return pick(MOBILE_PREFIXES, random) + "****" + String.format("%04d", random.nextInt(10_000));
    }

    static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }
}
