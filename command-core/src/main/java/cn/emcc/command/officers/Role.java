package cn.emcc.command.officers;

/**
 * What an officer account may do. Reading is the same for every role (within
 * the jurisdiction); acting on incidents, dispatches, reports and escalations
 * is for duty officers and commanders; accounts are managed by admins only,
 * who do not act on incidents themselves (separation of duties).
 */
public enum Role {
    DUTY_OFFICER,
    COMMANDER,
    VIEWER,
    ADMIN;

    /** May change incidents, dispatches, reports and escalations. */
    public boolean acts() {
        return this == DUTY_OFFICER || this == COMMANDER;
    }

    public boolean managesAccounts() {
        return this == ADMIN;
    }
}
