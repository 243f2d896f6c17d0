#!/usr/bin/env bash
# Publishes a built site folder to the association's own web server (the Gitea/Forgejo and GitLab
# workflows; on GitHub the site goes to GitHub Pages instead). Usage: publish_site.sh [--optional] DIR
#   KCZY_PUBLISH_DIR     an absolute folder on this machine that the web server serves, or
#   KCZY_DEPLOY_TARGET   user@host:/folder/ on the web server, reached by rsync over ssh with
#   KCZY_DEPLOY_SSH_KEY and KCZY_DEPLOY_KNOWN_HOSTS (the key and the server's host key line, as text or
#   as the path of a file holding it, as GitLab's file variables give).
# Without either: an error, or with --optional (the reading room) a note that nothing was published.
set -euo pipefail
optional=0
if [ "${1:-}" = "--optional" ]; then optional=1; shift; fi
site="${1:?用法：publish_site.sh [--optional] 网站目录}"
if [ ! -f "$site/index.html" ]; then
  echo "发布失败：$site/index.html 不存在，网站尚未构建。" >&2
  exit 1
fi
# --delay-updates and --delete-after: readers see the old site or the new one, hardly a mixture.
sync=(rsync -rlt --delete-after --delay-updates --chmod=D755,F644)
if [ -n "${KCZY_PUBLISH_DIR:-}" ]; then
  case "$KCZY_PUBLISH_DIR" in
    /?*) ;;
    *) echo "发布失败：KCZY_PUBLISH_DIR 须为绝对路径，且不能是根目录。" >&2; exit 1 ;;
  esac
  mkdir -p "$KCZY_PUBLISH_DIR"
  "${sync[@]}" "$site/" "$KCZY_PUBLISH_DIR/"
  echo "已发布到目录 $KCZY_PUBLISH_DIR"
elif [ -n "${KCZY_DEPLOY_TARGET:-}" ]; then
  if [ -z "${KCZY_DEPLOY_SSH_KEY:-}" ] || [ -z "${KCZY_DEPLOY_KNOWN_HOSTS:-}" ]; then
    echo "发布失败：推送到 KCZY_DEPLOY_TARGET 需要 KCZY_DEPLOY_SSH_KEY 和 KCZY_DEPLOY_KNOWN_HOSTS。" >&2
    exit 1
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  for name in KCZY_DEPLOY_SSH_KEY KCZY_DEPLOY_KNOWN_HOSTS; do
    value="${!name}"
    if [ -f "$value" ]; then cat "$value"; else printf '%s\n' "$value"; fi > "$work/$name"
    chmod 600 "$work/$name"
  done
  ssh_command="ssh -i $work/KCZY_DEPLOY_SSH_KEY -o IdentitiesOnly=yes -o BatchMode=yes"
  ssh_command+=" -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$work/KCZY_DEPLOY_KNOWN_HOSTS"
  "${sync[@]}" -e "$ssh_command" "$site/" "$KCZY_DEPLOY_TARGET"
  echo "已经 rsync/ssh 发布到网站服务器 ${KCZY_DEPLOY_TARGET%%:*}"
elif [ "$optional" = 1 ]; then
  echo "未配置 $site 的发布目标，未发布（内部阅览室只发到秘书处指定的内网位置）。"
else
  echo "发布失败：未配置发布目标。请在仓库机密中设置 KCZY_PUBLISH_DIR，或 KCZY_DEPLOY_TARGET 及其密钥（见 OPERATIONS.md）。" >&2
  exit 1
fi
