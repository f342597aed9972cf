#!/usr/bin/env bash
# Checks the installable desktop app: the desktop file and AppStream metainfo validate, `cmake --install` lays out
# the files a desktop expects, the man pages format without warnings, the bash completion completes, and
# `cpack -G DEB` builds a package with the right name, dependencies and files.
#
#   check-packaging.sh --source DIR --build DIR --version X.Y.Z [--cmake CMAKE] [--cpack CPACK]
#
# Runs as the `packaging` ctest (tests/packaging/CMakeLists.txt). Needs no root: everything goes to a temporary
# directory. A missing tool skips its check with a "SKIP:" line; .ci/setup installs them all for CI.
set -uo pipefail

source_dir="" build_dir="" version="" cmake=cmake cpack=cpack
while (($#)); do
    case $1 in
        --source) source_dir=$2; shift 2 ;;
        --build) build_dir=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --cmake) cmake=$2; shift 2 ;;
        --cpack) cpack=$2; shift 2 ;;
        *) echo "usage: $0 --source DIR --build DIR --version X.Y.Z [--cmake CMAKE] [--cpack CPACK]" >&2; exit 2 ;;
    esac
done
[[ -n $source_dir && -n $build_dir && -n $version ]] || { echo "$0: --source, --build and --version are required" >&2; exit 2; }

app_id=io.github.hookscope.Hookscope
desktop_file=$source_dir/packaging/$app_id.desktop
metainfo_file=$source_dir/packaging/$app_id.metainfo.xml
providers=(auto github stripe slack standard-webhooks svix clerk resend shopify twilio gitlab discord sendgrid paddle
           twitch zoom square mailgun linear typeform intercom bitbucket vercel jira mailchimp-transactional
           generic-hmac)
icon_sizes=(16 32 48 64 128 256)

failures=0
skips=0
work=$(mktemp -d "${TMPDIR:-/tmp}/hookscope-packaging.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
# check DESCRIPTION COMMAND...: passes or fails with DESCRIPTION depending on COMMAND's exit status.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
skip() { echo "SKIP: $*"; skips=$((skips + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }
section() { echo; echo "== $*"; }

# Width and height of a PNG from its IHDR chunk.
png_size() {
    local -a b
    read -r -a b < <(od -An -tu1 -j16 -N8 "$1")
    ((${#b[@]} == 8)) || return 1
    echo "$(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))x$(((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]))"
}

# --------------------------------------------------------------------------------------------------------------------
section "(a) desktop file and AppStream metainfo"
if have desktop-file-validate; then
    # Hints are advice; errors and warnings fail.
    out=$(desktop-file-validate "$desktop_file" 2>&1)
    rc=$?
    if ((rc != 0)) || grep -Eq 'error:|warning:' <<<"$out"; then
        fail "desktop-file-validate $desktop_file (exit $rc):"; echo "$out"
    else
        pass "desktop-file-validate${out:+ (hints only: $out)}"
    fi
else
    skip "desktop-file-validate not found (Debian package desktop-file-utils): the desktop file is not validated"
fi
if have appstreamcli; then
    if out=$(appstreamcli validate --no-net "$metainfo_file" 2>&1); then
        pass "appstreamcli validate --no-net"
    else
        fail "appstreamcli validate --no-net $metainfo_file:"; echo "$out"
    fi
else
    skip "appstreamcli not found (Debian package appstream): the metainfo is not validated"
fi
# What the validators do not cross-check: the names that tie desktop file, metainfo and icons together.
grep -qx "Icon=$app_id" "$desktop_file" || fail "$desktop_file: Icon= is not $app_id"
grep -qx "Exec=hookscope" "$desktop_file" || fail "$desktop_file: Exec= is not hookscope"
grep -q "<id>$app_id</id>" "$metainfo_file" || fail "$metainfo_file: <id> is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo_file" ||
    fail "$metainfo_file: the launchable is not $app_id.desktop"
grep -q "<release version=\"$version\"" "$metainfo_file" ||
    fail "$metainfo_file: no <release> for the project version $version"

# --------------------------------------------------------------------------------------------------------------------
section "(a2) Flatpak manifest consistent with the desktop file and metainfo"
manifest=$source_dir/packaging/$app_id.yml
manifest_value() { sed -n "s/^$1: *//p" "$manifest" | head -1 | tr -d "'\""; }
check "manifest app-id is $app_id" test "$(manifest_value app-id)" = "$app_id"
desktop_exec=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop_file" | head -1)
check "manifest command is the desktop file's Exec ($desktop_exec)" test "$(manifest_value command)" = "$desktop_exec"
check "manifest uses the KDE runtime and SDK" \
    bash -c '[[ $0 == org.kde.Platform && $1 == org.kde.Sdk ]]' "$(manifest_value runtime)" "$(manifest_value sdk)"
archives=$(grep -c 'type: archive' "$manifest")
checksums=$(grep -Ec 'sha256: [0-9a-f]{64}$' "$manifest")
check "every archive source is pinned by sha256 ($archives archives, $checksums checksums)" test "$archives" -eq "$checksums"

# --------------------------------------------------------------------------------------------------------------------
section "(b) cmake --install layout"
prefix=$work/prefix
if ! out=$("$cmake" --install "$build_dir" --prefix "$prefix" 2>&1); then
    fail "cmake --install $build_dir --prefix $prefix:"; echo "$out"
fi
expected=(
    bin/hookscope
    bin/hookscope-cli
    "share/applications/$app_id.desktop"
    "share/metainfo/$app_id.metainfo.xml"
    "share/icons/hicolor/scalable/apps/$app_id.svg"
    share/man/man1/hookscope.1
    share/man/man1/hookscope-cli.1
    share/bash-completion/completions/hookscope-cli
)
for size in "${icon_sizes[@]}"; do expected+=("share/icons/hicolor/${size}x${size}/apps/$app_id.png"); done
missing=0
for file in "${expected[@]}"; do
    [[ -f $prefix/$file ]] || { fail "not installed: $file"; missing=$((missing + 1)); }
done
((missing == 0)) && pass "${#expected[@]} files installed"
for file in bin/hookscope bin/hookscope-cli; do
    [[ -f $prefix/$file && ! -x $prefix/$file ]] && fail "$file is not executable"
done
for file in share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml; do
    [[ -f $prefix/$file ]] && ! cmp -s "$source_dir/packaging/${file##*/}" "$prefix/$file" &&
        fail "$file differs from packaging/${file##*/}"
done
for size in "${icon_sizes[@]}"; do
    png=$prefix/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    [[ -f $png ]] || continue
    actual=$(png_size "$png")
    [[ $actual == "${size}x${size}" ]] || fail "$png is $actual, not ${size}x${size}"
done
# Anything else under share/ would be unexpected (a stray file, a wrong directory name).
if [[ -d $prefix/share ]]; then
    extra=$(cd "$prefix" && find share -type f | sort | grep -vxF -f <(printf '%s\n' "${expected[@]}"))
    [[ -z $extra ]] || fail "unexpected installed files: $extra"
fi
if [[ -x $prefix/bin/hookscope-cli ]]; then
    out=$("$prefix/bin/hookscope-cli" --version 2>&1)
    check "installed hookscope-cli --version printed '$out' (expected 'hookscope-cli $version')" \
        test "$out" = "hookscope-cli $version"
fi

# --------------------------------------------------------------------------------------------------------------------
section "(c) man pages"
for page in hookscope hookscope-cli; do
    file=$prefix/share/man/man1/$page.1
    [[ -f $file ]] || file=$source_dir/packaging/man/$page.1
    if have groff; then
        out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$file" 2>&1)
        check "groff -man -ww $page.1: no warnings${out:+ (it warns:
$out)}" test -z "$out"
    else
        skip "groff not found (Debian package groff-base): $page.1 is not checked for warnings"
    fi
    if have man; then
        # man-db's --warnings passes -ww to groff; man writes its own complaints to standard error as well.
        # Overstrikes (bold, underline) removed in case MAN_KEEP_FORMATTING is set.
        text=$(env -u MAN_KEEP_FORMATTING LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$file" 2>"$work/man.err" |
               sed 's/.\x08//g')
        if [[ -s $work/man.err ]]; then
            fail "man -l $page.1 warns:"; cat "$work/man.err"
        elif ! grep -q "^NAME" <<<"$text" || ! grep -q "$page - " <<<"$text"; then
            fail "man -l $page.1: no NAME section with '$page - '"
        else
            pass "man -l $page.1"
        fi
    else
        skip "man not found (Debian package man-db): $page.1 is not formatted with man"
    fi
    if have lexgrog; then
        if lexgrog "$file" >/dev/null 2>&1; then pass "lexgrog $page.1 (the whatis entry)"; else fail "lexgrog cannot parse the NAME section of $page.1"; fi
    fi
done
if [[ -x $prefix/bin/hookscope-cli ]]; then
    # Every command of `hookscope-cli --help` has a section in the man page and a completion.
    commands=$("$prefix/bin/hookscope-cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
    for command in $commands; do
        grep -q "^\.SS \"\(.*, \)\?${command}[ \".]" "$source_dir/packaging/man/hookscope-cli.1" ||
            fail "hookscope-cli.1 has no section for the command $command"
    done
fi

# --------------------------------------------------------------------------------------------------------------------
section "(d) bash completion"
completion=$prefix/share/bash-completion/completions/hookscope-cli
[[ -f $completion ]] || completion=$source_dir/packaging/completions/hookscope-cli.bash
mkdir -p "$work/cwd/somedir" && touch "$work/cwd/request.jsonl"
# complete WORD... : the candidates bash offers with the cursor at the end of the last WORD.
if out=$(cd "$work/cwd" && bash --norc --noprofile -c '
    source "$1" || exit 1
    spec=$(complete -p hookscope-cli) || exit 1
    echo "spec: $spec"
    function=$(sed -n "s/.*-F \([^ ]*\).*/\1/p" <<<"$spec")
    complete_words() {
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        "$function" hookscope-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        ((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
    }
    echo "ver: $(complete_words hookscope-cli ver)"
    echo "commands: $(complete_words hookscope-cli "")"
    echo "verify-provider: $(complete_words hookscope-cli verify --provider "")"
    echo "sign-provider-eq: $(complete_words hookscope-cli sign --provider = "")"
    echo "resend-provider-gi: $(complete_words hookscope-cli resend 3 --provider gi)"
    echo "data-dir: $(complete_words hookscope-cli list --data-dir "")"
    echo "verify-file: $(complete_words hookscope-cli verify --json "")"
    echo "serve-options: $(complete_words hookscope-cli serve --max-)"
    echo "secret: $(complete_words hookscope-cli verify --secret "")"
    echo "label-color: $(complete_words hookscope-cli label gr)"
    echo "label-color-dir: $(complete_words hookscope-cli label --data-dir somedir "")"
    echo "label-id: $(complete_words hookscope-cli label red "")"
' bash "$completion" 2>&1); then
    field() { sed -n "s/^$1: //p" <<<"$out"; }
    expect() { # expect NAME ACTUAL WANTED
        check "completion $1: got '$2', expected '$3'" test "$2" = "$3"
    }
    sorted_providers=$(printf '%s\n' "${providers[@]}" | sort | tr '\n' ' ')
    spec=$(field spec)
    check "complete -p hookscope-cli: '$spec' uses a function (-F)" test "${spec#*-F }" != "$spec"
    expect "hookscope-cli ver<TAB>" "$(field ver)" "verify "
    expect "hookscope-cli <TAB>" "$(field commands)" "clear export help import label list pin resend serve show sign unpin verify "
    expect "verify --provider <TAB>" "$(field verify-provider)" "$sorted_providers"
    expect "sign --provider=<TAB>" "$(field sign-provider-eq)" "$sorted_providers"
    expect "resend 3 --provider gi<TAB>" "$(field resend-provider-gi)" "github gitlab "
    expect "list --data-dir <TAB>" "$(field data-dir)" "somedir "
    expect "verify --json <TAB>" "$(field verify-file)" "request.jsonl somedir "
    expect "serve --max-<TAB>" "$(field serve-options)" "--max-age --max-body --max-connections --max-header --max-requests --max-store-size "
    expect "verify --secret <TAB>" "$(field secret)" ""
    expect "label gr<TAB>" "$(field label-color)" "gray green "
    expect "label --data-dir somedir <TAB>" "$(field label-color-dir)" "blue gray green none orange purple red yellow "
    expect "label red <TAB>" "$(field label-id)" ""
else
    fail "sourcing $completion or completing failed:"; echo "$out"
fi

# --------------------------------------------------------------------------------------------------------------------
section "(e) Debian package (cpack -G DEB)"
deb_tools_missing=()
have "$cpack" || deb_tools_missing+=("cpack (Debian package cmake)")
have dpkg-deb || deb_tools_missing+=("dpkg-deb (Debian package dpkg)")
have dpkg-shlibdeps || deb_tools_missing+=("dpkg-shlibdeps (Debian package dpkg-dev)")
have file || deb_tools_missing+=("file (Debian package file; CPack needs it for dpkg-shlibdeps)")
if ((${#deb_tools_missing[@]})); then
    skip "no .deb built: missing ${deb_tools_missing[*]}"
elif [[ ! -f $build_dir/CPackConfig.cmake ]]; then
    fail "$build_dir/CPackConfig.cmake does not exist (include(CPack) in CMakeLists.txt)"
else
    if ! out=$("$cpack" -G DEB -B "$work/deb" --config "$build_dir/CPackConfig.cmake" 2>&1); then
        fail "cpack -G DEB:"; echo "$out"
    fi
    debs=("$work"/deb/hookscope_"$version"_*.deb)
    if [[ ! -f ${debs[0]} ]]; then
        fail "cpack made no hookscope_${version}_ARCH.deb:"; ls -la "$work/deb" 2>&1
    else
        deb=${debs[0]}
        pass "built ${deb##*/} ($(du -h "$deb" | cut -f1))"
        info=$(dpkg-deb -I "$deb")
        check "dpkg-deb -I: Package: hookscope" grep -qx " Package: hookscope" <<<"$info"
        check "dpkg-deb -I: Version: $version" grep -qx " Version: $version" <<<"$info"
        grep -qx " Section: devel" <<<"$info" || fail "dpkg-deb -I: no 'Section: devel'"
        grep -q "^ Homepage: https://" <<<"$info" || fail "dpkg-deb -I: no Homepage"
        grep -q "^ Maintainer: .*<.*@.*>" <<<"$info" || fail "dpkg-deb -I: no Maintainer with an address"
        depends=$(sed -n 's/^ Depends: //p' <<<"$info")
        # From dpkg-shlibdeps: the Qt libraries the binaries link; added by hand: the plugins loaded at run time.
        for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 libc6; do
            grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package: $depends"
        done
        [[ -n $depends ]] && pass "Depends: $depends"
        contents=$(dpkg-deb -c "$deb" | awk '{print $NF}')
        missing=0
        for file in "${expected[@]}"; do
            grep -qx "./usr/$file" <<<"$contents" || { fail "the package lacks /usr/$file"; missing=$((missing + 1)); }
        done
        ((missing == 0)) && pass "dpkg-deb -c lists all ${#expected[@]} files under /usr"
        # Files are root-owned with sane modes, binaries stripped (CPACK_STRIP_FILES).
        dpkg-deb -c "$deb" | awk '$2 != "root/root" {bad = 1} END {exit bad}' || fail "files in the package not owned by root/root"
        mkdir -p "$work/extract" && dpkg-deb -x "$deb" "$work/extract"
        for file in hookscope hookscope-cli; do
            file -b "$work/extract/usr/bin/$file" | grep -q "not stripped" && fail "/usr/bin/$file is not stripped"
        done
    fi
fi

echo
if ((failures)); then
    echo "packaging: $failures check(s) failed, $skips skipped"
    exit 1
fi
echo "packaging: all checks passed$( ((skips)) && echo ", $skips skipped (see SKIP lines)")"
