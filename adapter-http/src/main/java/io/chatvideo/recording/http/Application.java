package io.chatvideo.recording.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the recordings API server: {@code java -jar recordings-server.jar}. */
@OpenAPIDefinition(info = @Info(
    title = "recordings",
    version = "1.0",
    description = "Call recordings: presigned uploads, listings with download links, 30-day retention."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    new ServerLauncher().mainClass(Application.class).args(args).banner(false).start();
  }
}
