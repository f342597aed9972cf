# bash completion for hookscope-cli                                  -*- shell-script -*-
# Installed as share/bash-completion/completions/hookscope-cli (loaded on demand by bash-completion);
# works without bash-completion too: `source hookscope-cli.bash`.

_hookscope_cli_files()
{
    # $1: -d for directories only.
    if declare -F _filedir >/dev/null; then
        _filedir ${1:+"$1"}
        return
    fi
    compopt -o filenames 2>/dev/null
    if [[ $1 == -d ]]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

_hookscope_cli_words()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_hookscope_cli()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # `--option=value`: bash splits at '=' (COMP_WORDBREAKS), giving "--option" "=" "value".
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    COMPREPLY=()

    local commands="serve list show export import clear pin unpin label verify sign resend help"
    local providers="auto github stripe slack standard-webhooks svix clerk resend shopify twilio gitlab discord
        sendgrid paddle twitch zoom square mailgun linear typeform intercom bitbucket vercel jira
        mailchimp-transactional generic-hmac"

    if ((COMP_CWORD == 1)); then
        if [[ $cur == -* ]]; then
            _hookscope_cli_words "--help --version"
        else
            _hookscope_cli_words "$commands"
        fi
        return
    fi

    local command=${COMP_WORDS[1]} options="" values=""
    # values: the options that take a value (the next word is not completed as an option or argument).
    case $command in
        serve)
            options="--listen --data-dir --max-body --max-header --respond --rule --delay-ms --save-rules --jsonl
                --idle-timeout-ms --request-timeout-ms --max-connections --max-requests --max-age --max-store-size
                --forward --forward-mode --forward-timeout-ms --retry-initial-ms --retry-max-ms --retry-max-attempts
                --help"
            values="--listen --data-dir --max-body --max-header --respond --rule --delay-ms --idle-timeout-ms
                --request-timeout-ms --max-connections --max-requests --max-age --max-store-size --forward
                --forward-mode --forward-timeout-ms --retry-initial-ms --retry-max-ms --retry-max-attempts"
            ;;
        list)
            options="--data-dir --after --limit --count --help"
            values="--data-dir --after --limit"
            ;;
        show)
            options="--data-dir --raw --body --json --help"
            values="--data-dir"
            ;;
        export)
            options="--data-dir --format -o --output --help"
            values="--data-dir --format -o --output"
            ;;
        import | clear | pin | unpin | label)
            options="--data-dir --help"
            [[ $command == clear ]] && options+=" --all"
            values="--data-dir"
            ;;
        verify)
            options="--provider --secret --secret-file --now --url --tolerance --generic --json --request --data-dir
                --help"
            values="--provider --secret --secret-file --now --url --tolerance --generic --request --data-dir"
            ;;
        sign)
            options="--provider --secret --secret-file --now --url --generic --id --message-id --request --data-dir
                --help"
            values="--provider --secret --secret-file --now --url --generic --id --message-id --request --data-dir"
            ;;
        resend)
            options="--data-dir --to -H --header -X --method --resign --secret --provider -k --insecure -L
                --location --timeout --help"
            values="--data-dir --to -H --header -X --method --secret --provider --timeout"
            ;;
        *)
            return
            ;;
    esac

    # The value of an option.
    if [[ " ${values//$'\n'/ } " == *" $prev "* ]]; then
        case $prev in
            --data-dir) _hookscope_cli_files -d ;;
            --secret-file | -o | --output) _hookscope_cli_files ;;
            --provider) _hookscope_cli_words "$providers" ;;
            --format) _hookscope_cli_words "jsonl har" ;;
            --forward-mode) _hookscope_cli_words "queue proxy" ;;
            -X | --method) _hookscope_cli_words "GET POST PUT PATCH DELETE HEAD OPTIONS" ;;
        esac
        return
    fi

    if [[ $cur == -* ]]; then
        _hookscope_cli_words "$options"
        return
    fi

    # Arguments: a FILE (or - for standard input) for import, verify and sign; the colour first for label;
    # request ids are not completed.
    case $command in
        import | verify | sign) _hookscope_cli_files ;;
        label)
            local position=0 i
            for ((i = 2; i < COMP_CWORD; i++)); do
                [[ ${COMP_WORDS[i]} == --data-dir ]] && ((i++)) && continue
                [[ ${COMP_WORDS[i]} == -* ]] || ((position++))
            done
            ((position == 0)) && _hookscope_cli_words "red orange yellow green blue purple gray none"
            ;;
    esac
} &&
    complete -F _hookscope_cli hookscope-cli

# ex: filetype=sh
