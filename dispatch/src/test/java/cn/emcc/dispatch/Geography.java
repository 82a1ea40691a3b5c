package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;

/** The shipped Shandong jurisdictions, loaded once for all tests (about a second). */
final class Geography {

    private static Jurisdictions shandong;

    private Geography() {
    }

    static synchronized Jurisdictions shandong() {
        if (shandong == null) {
            shandong = JurisdictionLoader.loadDefault();
        }
        return shandong;
    }
}
