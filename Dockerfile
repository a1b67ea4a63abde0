# PK Bot in a container. Build: docker build -t pk-bot .   Run beside a PostgreSQL core: docker compose up -d
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/PK.Domain/PK.Domain.csproj src/PK.Domain/
COPY src/PK.Bot/PK.Bot.csproj src/PK.Bot/
RUN dotnet restore src/PK.Bot/PK.Bot.csproj
COPY src/ src/
COPY data/wilayah.csv data/
RUN dotnet publish src/PK.Bot/PK.Bot.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The image's unprivileged user (uid 1654); the database, backups and logs live in the volume.
RUN mkdir -p /var/lib/pk-bot && chown app:app /var/lib/pk-bot
WORKDIR /var/lib/pk-bot
COPY --from=build /app /app
ENV Urls=http://0.0.0.0:8080 \
    ConnectionStrings__Bot="Data Source=/var/lib/pk-bot/pk-bot.db" \
    Backup__Folder=/var/lib/pk-bot/backups \
    Logs__File__Path=/var/lib/pk-bot/logs/pk-bot-.log
USER app
VOLUME /var/lib/pk-bot
EXPOSE 8080
HEALTHCHECK --interval=1m --timeout=30s --start-period=1m CMD ["dotnet", "/app/PK.Bot.dll", "healthz", "--url", "http://127.0.0.1:8080"]
ENTRYPOINT ["dotnet", "/app/PK.Bot.dll"]
