package cn.emcc.map.jurisdiction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GB/T 2260 tree built from the shipped division-code table. */
class ShandongTreeTest {

    private final JurisdictionTree tree = TestData.shandong().tree();

    @Test
    void hasOneProvinceSixteenCitiesAndOneHundredThirtySixCounties() {
        assertThat(tree.province()).isEqualTo(new Jurisdiction("370000", "山东省", Tier.PROVINCE, null));
        assertThat(tree.cities()).hasSize(16).allSatisfy(c -> {
            assertThat(c.tier()).isEqualTo(Tier.CITY);
            assertThat(c.parentAdcode()).isEqualTo("370000");
        });
        assertThat(tree.counties()).hasSize(136);
        assertThat(tree.all()).hasSize(1 + 16 + 136);
        assertThat(tree.cities()).extracting(Jurisdiction::adcode).doesNotContain("371200"); // 莱芜 merged in 2019
    }

    @Test
    void everyCountyHangsUnderACityWithItsCodePrefix() {
        for (Jurisdiction county : tree.counties()) {
            Jurisdiction city = tree.get(county.parentAdcode()).orElseThrow();
            assertThat(city.tier()).as(county.toString()).isEqualTo(Tier.CITY);
            assertThat(county.adcode()).startsWith(city.adcode().substring(0, 4));
            assertThat(tree.children(city.adcode())).contains(county);
        }
        int counted = tree.cities().stream().mapToInt(c -> tree.children(c.adcode()).size()).sum();
        assertThat(counted).isEqualTo(136);
    }

    @Test
    void jinanIncludesTheFormerLaiwuDistricts() {
        assertThat(tree.children("370100")).extracting(Jurisdiction::adcode)
                .hasSize(12).contains("370102", "370116", "370117").isSorted();
    }

    @Test
    void ancestorsRunFromCountyToProvince() {
        assertThat(tree.ancestorsAndSelf("370102")).extracting(Jurisdiction::name)
                .containsExactly("历下区", "济南市", "山东省");
        assertThat(tree.ancestorsAndSelf("370200")).extracting(Jurisdiction::adcode)
                .containsExactly("370200", "370000");
        assertThat(tree.ancestorsAndSelf("370000")).extracting(Jurisdiction::adcode).containsExactly("370000");
    }

    @Test
    void subtreeMembership() {
        assertThat(tree.contains("370100", "370102")).isTrue();
        assertThat(tree.contains("370000", "371702")).isTrue();
        assertThat(tree.contains("370102", "370102")).isTrue();
        assertThat(tree.contains("370200", "370102")).isFalse();
        assertThat(tree.contains("370102", "370100")).as("a child does not contain its parent").isFalse();
        assertThat(tree.contains("370103", "370102")).as("siblings").isFalse();
    }

    @Test
    void unknownCodesGiveEmptyAnswersNotExceptions() {
        assertThat(tree.get("371200")).isEmpty();
        assertThat(tree.get(null)).isEmpty();
        assertThat(tree.children("999999")).isEmpty();
        assertThat(tree.children("370102")).isEmpty();
        assertThat(tree.ancestorsAndSelf("999999")).isEmpty();
        assertThat(tree.contains("999999", "370102")).isFalse();
        assertThat(tree.contains("370000", "999999")).isFalse();
        assertThat(tree.neighbours("370100")).isEmpty();
    }

    @Test
    void neighboursAreSymmetricCountiesAndNeverSelf() {
        for (Jurisdiction county : tree.counties()) {
            List<Jurisdiction> neighbours = tree.neighbours(county.adcode());
            assertThat(neighbours).as(county.toString()).isNotEmpty().doesNotContain(county)
                    .allSatisfy(n -> assertThat(n.tier()).isEqualTo(Tier.COUNTY));
            for (Jurisdiction n : neighbours) {
                assertThat(tree.neighbours(n.adcode())).as(n + " lists " + county).contains(county);
            }
        }
    }

    @Test
    void neighboursFollowTheMap() {
        assertThat(tree.neighbours("370102")).extracting(Jurisdiction::adcode)
                .contains("370103", "370112").doesNotContain("370202");
        assertThat(tree.neighbours("370202")).extracting(Jurisdiction::adcode).contains("370203");
        // across a city border: 牟平区 (烟台) and 环翠区 (威海)
        assertThat(tree.neighbours("370612")).extracting(Jurisdiction::adcode).contains("371002");
        // 菏泽 and 威海 are at opposite ends of the province
        assertThat(tree.neighbours("371702")).extracting(Jurisdiction::adcode)
                .allSatisfy(code -> assertThat(code).doesNotStartWith("3710"));
    }

    @Test
    void tierCrossesToTheWireEnumAndBack() {
        for (Tier tier : Tier.values()) {
            assertThat(Tier.fromProto(tier.toProto())).isEqualTo(tier);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Tier.fromProto(cn.emcc.protocols.v1.Tier.TIER_UNSPECIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TIER_UNSPECIFIED");
    }
}
