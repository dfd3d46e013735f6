package org.gatehouse.shared;

/** The actor lacks a permission the use case needs; answered 403 and audited as a refused attempt. */
public class PermissionDenied extends ProblemException {

	private final Permission permission;

	public PermissionDenied(Permission permission) {
		super(Problem.FORBIDDEN, "This needs the permission " + permission.code() + ".");
		this.permission = permission;
	}

	public Permission permission() {
		return permission;
	}

}
