package dev.tandem.identity;
public enum UserType { NORMAL, CONVERGENCE, ANONYMOUS }
