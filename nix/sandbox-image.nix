# Deterministic sandbox image for reproducing CI steps (Docker backend). Build with:
#   nix-build nix/sandbox-image.nix && docker load < result
# Pinned nixpkgs so the same commit always yields the same toolchain bytes.
{ pkgs ? import (fetchTarball {
    url = "https://github.com/NixOS/nixpkgs/archive/nixos-24.05.tar.gz";
  }) { } }:

pkgs.dockerTools.buildLayeredImage {
  name = "suture-sandbox";
  tag = "latest";
  contents = with pkgs; [
    bashInteractive coreutils findutils gnugrep gnused gawk gnutar gzip git cacert
    nodejs_20 python3 go cargo rustc
  ];
  config = {
    Env = [ "TZ=UTC" "LANG=C.UTF-8" "HOME=/home/sandbox" "SSL_CERT_FILE=/etc/ssl/certs/ca-bundle.crt" ];
    WorkingDir = "/workspace";
    User = "65534:65534";
  };
}
