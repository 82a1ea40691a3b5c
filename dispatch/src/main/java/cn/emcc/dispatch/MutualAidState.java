package cn.emcc.dispatch;

/** Where a mutual-aid request stands, after the EDXL-RM request → commit → release cycle. */
public enum MutualAidState {
    /** Asked of the providing jurisdiction (EDXL-RM RequestResource). */
    REQUESTED,
    /** The provider named the units it sends (CommitResource). */
    COMMITTED,
    /** The provider cannot help (ResponseToRequestResource, declined). Final. */
    DECLINED,
    /** The requester sent the units home (ReleaseResource). Final. */
    RELEASED;

    public boolean isFinal() {
        return this == DECLINED || this == RELEASED;
    }
}
