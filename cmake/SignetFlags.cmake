# Compiler warnings, hardening and Qt/OpenSSL defines shared by every Signet target.
add_library(signet_flags INTERFACE)
target_compile_options(signet_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wformat=2)
if(SIGNET_WERROR)
    target_compile_options(signet_flags INTERFACE -Werror)
endif()
target_compile_definitions(signet_flags INTERFACE
    QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER QT_STRICT_ITERATORS
    OPENSSL_API_COMPAT=30000 OPENSSL_NO_DEPRECATED
    _FORTIFY_SOURCE=2)
target_compile_options(signet_flags INTERFACE -fstack-protector-strong)
target_compile_features(signet_flags INTERFACE cxx_std_23)

if(SIGNET_SANITIZE)
    target_compile_options(signet_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(signet_flags INTERFACE -fsanitize=address,undefined)
endif()

# Layering guard (ARCHITECTURE.md): OpenSSL headers stay in core/crypto, widgets stay out of core, and
# each core layer includes only itself and the layers below it.
function(signet_refuse_includes folder pattern why)
    file(GLOB_RECURSE _files "${PROJECT_SOURCE_DIR}/${folder}/*.h" "${PROJECT_SOURCE_DIR}/${folder}/*.cpp")
    foreach(_file IN LISTS _files)
        file(STRINGS "${_file}" _hits REGEX "${pattern}")
        if(_hits)
            message(FATAL_ERROR "Layering: ${_file}: ${_hits}: ${why}")
        endif()
    endforeach()
endfunction()

function(signet_check_layering)
    foreach(_folder IN ITEMS core/foundation core/jose core/profiles core/workspace core/server ui app)
        signet_refuse_includes(${_folder} "#include *<openssl/" "only core/crypto may include OpenSSL headers")
    endforeach()
    signet_refuse_includes(core "#include *<(QtWidgets|QtGui|QWidget|QDialog|QMainWindow|QPixmap|QIcon)"
        "core/ must not include GUI headers")
    signet_refuse_includes(core/foundation "#include *\"(crypto|jose|profiles|workspace|server)/"
        "foundation is the bottom layer")
    signet_refuse_includes(core/crypto "#include *\"(jose|profiles|workspace|server)/" "crypto uses foundation only")
    signet_refuse_includes(core/jose "#include *\"(profiles|workspace|server)/" "jose uses crypto and foundation only")
    signet_refuse_includes(core/profiles "#include *\"(workspace|server)/" "profiles use jose and below only")
    signet_refuse_includes(core/workspace "#include *\"server/" "workspace must not reach up to the server")
    signet_refuse_includes(core/server "#include *\"(cli|commands)/" "the server is below the CLI")
    signet_refuse_includes(core "#include *\"(ui|pages|dialogs|models|widgets)/" "core must not reach up to the ui")
endfunction()
signet_check_layering()
