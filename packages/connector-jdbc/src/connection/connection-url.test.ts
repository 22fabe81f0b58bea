import { Password } from "@tributary/api";
import { describe, expect, it } from "vitest";
import { describeConnection, parseConnectionUrl, redactUrl } from "./connection-url.js";

describe("parseConnectionUrl", () => {
  it("reads JDBC URLs with user and password properties", () => {
    const settings = parseConnectionUrl(
      "jdbc:postgresql://db.example:6543/shop?user=app&password=s3cret&sslmode=require",
    );
    expect(settings).toMatchObject({
      kind: "postgresql",
      host: "db.example",
      port: 6543,
      database: "shop",
      user: "app",
    });
    expect(settings.kind === "postgresql" && settings.password?.value()).toBe("s3cret");
    expect(settings.properties).toEqual({ sslmode: "require" });
  });

  it("takes default ports, MariaDB and MySQL URLs, and IPv6 hosts", () => {
    expect(parseConnectionUrl("jdbc:mysql://127.0.0.1/test")).toMatchObject({
      kind: "mysql",
      port: 3306,
      database: "test",
    });
    expect(parseConnectionUrl("jdbc:mariadb://[::1]:3307/x")).toMatchObject({
      kind: "mariadb",
      host: "::1",
      port: 3307,
    });
    expect(parseConnectionUrl("jdbc:postgresql://h/")).toMatchObject({ port: 5432, database: "" });
  });

  it("reads native URLs with user info", () => {
    const settings = parseConnectionUrl("postgres://u%40x:p%3Aw@h:5432/d");
    expect(settings).toMatchObject({ kind: "postgresql", user: "u@x", database: "d" });
    expect(settings.kind === "postgresql" && settings.password?.value()).toBe("p:w");
    expect(parseConnectionUrl("mysql://root@127.0.0.1:3306/test")).toMatchObject({
      kind: "mysql",
      user: "root",
    });
  });

  it("lets connection.user and connection.password win over the URL", () => {
    const settings = parseConnectionUrl("jdbc:mysql://h/d?user=a&password=b", {
      user: "c",
      password: new Password("d"),
    });
    expect(settings.kind !== "sqlite" && [settings.user, settings.password?.value()]).toEqual(["c", "d"]);
  });

  it("reads SQLite URLs and plain paths", () => {
    expect(parseConnectionUrl("jdbc:sqlite:/var/data/app.db")).toEqual({
      kind: "sqlite",
      path: "/var/data/app.db",
      properties: {},
    });
    expect(parseConnectionUrl("jdbc:sqlite::memory:")).toMatchObject({ path: ":memory:" });
    expect(parseConnectionUrl("sqlite:///tmp/a.db")).toMatchObject({ path: "/tmp/a.db" });
    expect(parseConnectionUrl("./rel.sqlite")).toMatchObject({ kind: "sqlite", path: "./rel.sqlite" });
    expect(parseConnectionUrl("file:/tmp/b.db")).toMatchObject({ path: "/tmp/b.db" });
  });

  it("refuses unsupported or unreadable URLs without echoing the password", () => {
    expect(() => parseConnectionUrl("jdbc:oracle:thin:@h:1521:x")).toThrow(/unsupported database "oracle"/);
    expect(() => parseConnectionUrl("jdbc:postgresql:db")).toThrow(/lacks "\/\/host"/);
    expect(() => parseConnectionUrl("jdbc:postgresql://a,b/db?password=zz")).toThrow(/several hosts/);
    try {
      parseConnectionUrl("jdbc:postgresql://a,b/db?password=zz");
    } catch (error) {
      expect(String(error)).not.toContain("zz");
    }
    expect(() => parseConnectionUrl("")).toThrow(/empty/);
  });

  it("describes and redacts without the password", () => {
    expect(redactUrl("postgres://u:pw@h/d?password=x&a=1")).toBe("postgres://u:*****@h/d?password=*****&a=1");
    expect(describeConnection(parseConnectionUrl("jdbc:postgresql://h/d?user=u&password=p"))).toBe(
      "postgresql://u@h:5432/d",
    );
  });
});
