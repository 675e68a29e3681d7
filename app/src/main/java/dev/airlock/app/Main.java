package dev.airlock.app;

public final class Main {
    public static void main(String[] args) {
        System.out.println("airlock");
    }
}
