<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ForwardingDialog</name>
    <message>
        <source>Forwarding</source>
        <translation>Reenvío automático</translation>
    </message>
    <message>
        <source>Requests whose path starts with a rule&apos;s prefix (and, when given, with its method) are delivered to the rule&apos;s target as they come; the longest prefix wins. Untick a rule to pause it.</source>
        <translation>Las solicitudes cuya ruta empieza por el prefijo de una regla (y, si se indica, con su método) se entregan al destino de la regla a medida que llegan; gana el prefijo más largo. Desmarca una regla para pausarla.</translation>
    </message>
    <message>
        <source>Forwarding rules</source>
        <translation>Reglas de reenvío</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Retries (queue mode)</source>
        <translation>Reintentos (modo cola)</translation>
    </message>
    <message>
        <source>&amp;First delay:</source>
        <translation>&amp;Primer retardo:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Longest delay:</source>
        <translation>Retardo má&amp;ximo:</translation>
    </message>
    <message>
        <source>A&amp;ttempts:</source>
        <translation>&amp;Intentos:</translation>
    </message>
    <message>
        <source>A failed delivery is tried again after the first delay, then twice as long each time up to the longest delay (less a random part, so that a recovered target is not hit all at once). After the last attempt it becomes a dead letter: retry or discard it from the request list.</source>
        <translation>Una entrega que falla se vuelve a intentar tras el primer retardo y después cada vez con el doble de espera, hasta el retardo máximo (menos una parte aleatoria, para que un destino recuperado no reciba todo a la vez). Tras el último intento queda como entrega fallida: reinténtala o descártala desde la lista de solicitudes.</translation>
    </message>
    <message>
        <source>Path p&amp;refix:</source>
        <translation>Prefijo de &amp;ruta:</translation>
    </message>
    <message>
        <source>/ for every path, or for example /hooks/stripe</source>
        <translation>/ para todas las rutas, o por ejemplo /hooks/stripe</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Método:</translation>
    </message>
    <message>
        <source>&amp;Target URL:</source>
        <translation>&amp;URL de destino:</translation>
    </message>
    <message>
        <source>http://localhost:3000/webhooks</source>
        <translation>http://localhost:3000/webhooks</translation>
    </message>
    <message>
        <source>The request&apos;s path after the prefix and its query are appended: prefix /stripe and target http://localhost:3000/hooks send /stripe/events?x=1 to http://localhost:3000/hooks/events?x=1.</source>
        <translation>Se añaden la ruta de la solicitud tras el prefijo y su consulta: con el prefijo /stripe y el destino http://localhost:3000/hooks, /stripe/events?x=1 se envía a http://localhost:3000/hooks/events?x=1.</translation>
    </message>
    <message>
        <source>M&amp;ode:</source>
        <translation>M&amp;odo:</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>&amp;Habilitada</translation>
    </message>
    <message>
        <source>&amp;Keep and show the list</source>
        <translation>&amp;Conservar y mostrar la lista</translation>
    </message>
    <message>
        <source>Keep this rule and show all rules; Save writes them</source>
        <translation>Conserva esta regla y muestra todas las reglas; Guardar las escribe</translation>
    </message>
    <message>
        <source>D&amp;iscard changes</source>
        <translation>&amp;Descartar cambios</translation>
    </message>
    <message>
        <source>Show all rules without this rule&apos;s changes</source>
        <translation>Muestra todas las reglas sin los cambios de esta regla</translation>
    </message>
</context>
<context>
    <name>Hookscope::AboutDialog</name>
    <message>
        <source>About Hookscope</source>
        <translation>Acerca de Hookscope</translation>
    </message>
    <message>
        <source>Capture, inspect, verify and replay webhooks on your own machine.</source>
        <translation>Captura, inspecciona, verifica y repite webhooks en tu propio equipo.</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Compilado con Qt %1, ejecutándose con Qt %2.</translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation>Directorio de datos: %1</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>Ajustes: %1</translation>
    </message>
    <message>
        <source>Documentation: man hookscope, man hookscope-cli, and the guides in the docs folder of the source.</source>
        <translation>Documentación: man hookscope, man hookscope-cli y las guías de la carpeta docs del código fuente.</translation>
    </message>
</context>
<context>
    <name>Hookscope::BodyKind</name>
    <message>
        <source>unexpected character: a value, comma, colon or bracket is missing or out of place</source>
        <translation>carácter inesperado: falta un valor, una coma, dos puntos o un corchete, o está fuera de lugar</translation>
    </message>
    <message>
        <source>unexpected content after the end of the JSON value</source>
        <translation>contenido inesperado tras el final del valor JSON</translation>
    </message>
    <message>
        <source>invalid escape sequence in a string</source>
        <translation>secuencia de escape no válida en una cadena</translation>
    </message>
    <message>
        <source>a string is never closed</source>
        <translation>una cadena no se cierra nunca</translation>
    </message>
    <message>
        <source>a control character inside a string must be escaped</source>
        <translation>un carácter de control dentro de una cadena debe escaparse</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>UTF-8 no válido</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>número no válido</translation>
    </message>
    <message>
        <source>invalid literal: expected true, false or null</source>
        <translation>literal no válido: se esperaba true, false o null</translation>
    </message>
    <message>
        <source>no JSON value: the text is empty or only whitespace</source>
        <translation>no hay ningún valor JSON: el texto está vacío o solo contiene espacios en blanco</translation>
    </message>
    <message>
        <source>nested deeper than %1 objects and arrays</source>
        <translation>más de %1 niveles de objetos y arrays anidados</translation>
    </message>
    <message>
        <source>the document is too large to check</source>
        <translation>el documento es demasiado grande para comprobarlo</translation>
    </message>
    <message>
        <source>a byte order mark (U+FEFF) is not allowed before JSON</source>
        <translation>no se permite una marca de orden de bytes (U+FEFF) antes del JSON</translation>
    </message>
    <message>
        <source>the text ends before every object and array is closed</source>
        <translation>el texto termina antes de que se cierren todos los objetos y arrays</translation>
    </message>
</context>
<context>
    <name>Hookscope::BodyViewer</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>línea %1, columna %2: %3</translation>
    </message>
    <message>
        <source>, decoded from %1 (%2 bytes as received)</source>
        <translation>, decodificado de %1 (%2 bytes recibidos)</translation>
    </message>
    <message>
        <source> (cannot decode %1: %2)</source>
        <translation> (no se puede decodificar %1: %2)</translation>
    </message>
    <message>
        <source>JSON, %1</source>
        <translation>JSON, %1</translation>
    </message>
    <message>
        <source>%1 image, %2 × %3 pixels, %4</source>
        <translation>imagen %1, %2 × %3 píxeles, %4</translation>
    </message>
    <message>
        <source> (not an image that can be shown)</source>
        <translation> (no es una imagen que se pueda mostrar)</translation>
    </message>
    <message>
        <source>invalid JSON at byte %1: %2</source>
        <translation>JSON no válido en el byte %1: %2</translation>
    </message>
    <message>
        <source>XML, %1</source>
        <translation>XML, %1</translation>
    </message>
    <message>
        <source>invalid XML at %1</source>
        <translation>XML no válido en %1</translation>
    </message>
    <message>
        <source>form fields, %1</source>
        <translation>campos de formulario, %1</translation>
    </message>
    <message>
        <source>parts: %1, %2</source>
        <translation>partes: %1, %2</translation>
    </message>
    <message>
        <source>binary, %1</source>
        <translation>binario, %1</translation>
    </message>
    <message>
        <source>no body</source>
        <translation>sin cuerpo</translation>
    </message>
    <message>
        <source>text, %1</source>
        <translation>texto, %1</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Vista:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>Árbol JSON</translation>
    </message>
    <message>
        <source>Pretty JSON</source>
        <translation>JSON formateado</translation>
    </message>
    <message>
        <source>Pretty XML</source>
        <translation>XML formateado</translation>
    </message>
    <message>
        <source>Form fields</source>
        <translation>Campos de formulario</translation>
    </message>
    <message>
        <source>Multipart</source>
        <translation>Multipart</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Save the body to a file (decoded when it was sent compressed)</source>
        <translation>Guarda el cuerpo en un archivo (decodificado si se envió comprimido)</translation>
    </message>
    <message>
        <source>Find in keys and values</source>
        <translation>Buscar en claves y valores</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Expandir todo</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Contraer todo</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Copiar valor</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copiar ruta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nombre de archivo</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Tipo de contenido</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Partes</translation>
    </message>
    <message>
        <source>formatting…</source>
        <translation>formateando…</translation>
    </message>
    <message>
        <source>Save part…</source>
        <translation>Guardar parte…</translation>
    </message>
    <message>
        <source>Save the selected part&apos;s body to a file</source>
        <translation>Guarda el cuerpo de la parte seleccionada en un archivo</translation>
    </message>
    <message>
        <source>not found: %1</source>
        <translation>no encontrado: %1</translation>
    </message>
    <message>
        <source>match %1 of %2</source>
        <translation>coincidencia %1 de %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Save Body</source>
        <translation>Guardar cuerpo</translation>
    </message>
    <message>
        <source>saved to %1</source>
        <translation>guardado en %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::CaptureServer</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>no se puede escuchar en %1: %2</translation>
    </message>
</context>
<context>
    <name>Hookscope::CaptureService</name>
    <message>
        <source>a proxied attempt was not stored: %1</source>
        <translation>un intento en modo proxy no se almacenó: %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::CaptureSettings</name>
    <message>
        <source>&apos;%1&apos; is not a listen address: use HOST:PORT, [IPv6]:PORT or PORT</source>
        <translation>&apos;%1&apos; no es una dirección de escucha: usa HOST:PORT, [IPv6]:PORT o PORT</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address (use 127.0.0.1, ::1, 0.0.0.0, * or localhost)</source>
        <translation>&apos;%1&apos; no es una dirección IP (usa 127.0.0.1, ::1, 0.0.0.0, * o localhost)</translation>
    </message>
</context>
<context>
    <name>Hookscope::ContentDecoder</name>
    <message>
        <source>The %1 data is corrupt: %2</source>
        <translation>Los datos %1 están dañados: %2</translation>
    </message>
    <message>
        <source>The %1 data ends early: the body looks truncated</source>
        <translation>Los datos %1 terminan antes de tiempo: el cuerpo parece truncado</translation>
    </message>
    <message>
        <source>The %1 data is followed by %2 unexpected bytes</source>
        <translation>Tras los datos %1 hay %2 bytes inesperados</translation>
    </message>
    <message>
        <source>Decoding stopped: the %1-decoded body is larger than the limit of %2 bytes (possible decompression bomb)</source>
        <translation>Decodificación detenida: el cuerpo decodificado de %1 supera el límite de %2 bytes (posible bomba de descompresión)</translation>
    </message>
    <message>
        <source>cannot start the decoder</source>
        <translation>no se puede iniciar el decodificador</translation>
    </message>
    <message>
        <source>it needs a preset dictionary</source>
        <translation>necesita un diccionario predefinido</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>error %1</translation>
    </message>
    <message>
        <source>the decoder cannot make progress</source>
        <translation>el decodificador no puede avanzar</translation>
    </message>
    <message>
        <source>Content encoding &quot;zstd&quot; is not supported by this build (no libzstd)</source>
        <translation>Esta compilación no admite la codificación de contenido &quot;zstd&quot; (sin libzstd)</translation>
    </message>
    <message>
        <source>Unknown content encoding &quot;%1&quot;</source>
        <translation>Codificación de contenido desconocida &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>Hookscope::DataDirectory</name>
    <message>
        <source>the data directory path is empty</source>
        <translation>la ruta del directorio de datos está vacía</translation>
    </message>
    <message>
        <source>data directory %1 exists and is not a directory</source>
        <translation>el directorio de datos %1 existe pero no es un directorio</translation>
    </message>
    <message>
        <source>cannot create data directory %1</source>
        <translation>no se puede crear el directorio de datos %1</translation>
    </message>
    <message>
        <source>data directory %1 is not writable: %2</source>
        <translation>no se puede escribir en el directorio de datos %1: %2</translation>
    </message>
</context>
<context>
    <name>Hookscope::Exchange</name>
    <message>
        <source>Invalid record: %1</source>
        <translation>Registro no válido: %1</translation>
    </message>
    <message>
        <source>Invalid HAR: %1</source>
        <translation>HAR no válido: %1</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a string</source>
        <translation>el campo &quot;%1&quot; debe ser una cadena</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not valid base64</source>
        <translation>el campo &quot;%1&quot; no es base64 válido</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an integer from %2 to %3</source>
        <translation>el campo &quot;%1&quot; debe ser un entero de %2 a %3</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be true or false</source>
        <translation>el campo &quot;%1&quot; debe ser true o false</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an RFC 3339 date-time such as 2026-01-31T12:00:00.000000Z: &quot;%2&quot;</source>
        <translation>el campo &quot;%1&quot; no es una fecha y hora RFC 3339 como 2026-01-31T12:00:00.000000Z: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an endpoint such as 127.0.0.1:5000 or [::1]:5000: &quot;%2&quot;</source>
        <translation>el campo &quot;%1&quot; no es un endpoint como 127.0.0.1:5000 o [::1]:5000: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an object</source>
        <translation>el campo &quot;%1&quot; debe ser un objeto</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an array</source>
        <translation>el campo &quot;%1&quot; debe ser un array</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be [name, value] or [name, value, {exact bytes}]</source>
        <translation>el campo &quot;%1&quot; debe ser [nombre, valor] o [nombre, valor, {bytes exactos}]</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing</source>
        <translation>falta el campo &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an object with a string name and value</source>
        <translation>el campo &quot;%1&quot; debe ser un objeto con name y value de tipo cadena</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an object with a string name</source>
        <translation>el campo &quot;%1&quot; debe ser un objeto con name de tipo cadena</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>JSON no válido (%1 en el byte %2)</translation>
    </message>
    <message>
        <source>the line is not a JSON object</source>
        <translation>la línea no es un objeto JSON</translation>
    </message>
    <message>
        <source>the document is not a JSON object</source>
        <translation>el documento no es un objeto JSON</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be one of %2 (got &quot;%3&quot;)</source>
        <translation>el campo &quot;%1&quot; debe ser uno de %2 (se recibió &quot;%3&quot;)</translation>
    </message>
</context>
<context>
    <name>Hookscope::Forward</name>
    <message>
        <source>forwarding rule &quot;%1&quot; must be PREFIX=URL, e.g. /stripe=http://localhost:3000/webhooks</source>
        <translation>la regla de reenvío &quot;%1&quot; debe tener la forma PREFIX=URL, p. ej. /stripe=http://localhost:3000/webhooks</translation>
    </message>
    <message>
        <source>forwarding prefix &quot;%1&quot; must start with /</source>
        <translation>el prefijo de reenvío &quot;%1&quot; debe empezar por /</translation>
    </message>
    <message>
        <source>forwarding target &quot;%1&quot; is not an http:// or https:// URL</source>
        <translation>el destino de reenvío &quot;%1&quot; no es una URL http:// o https://</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a forwarding file: %2</source>
        <translation>%1 no es un archivo de reenvío: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Hookscope::ForwardingDialog</name>
    <message>
        <source>proxy</source>
        <translation>proxy</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>cola</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Prefijo</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>any method</source>
        <translation>cualquier método</translation>
    </message>
    <message>
        <source>Queue: answer the sender at once, deliver with retries</source>
        <translation>Cola: responde al remitente de inmediato y entrega con reintentos</translation>
    </message>
    <message>
        <source>Proxy: wait for the target and answer the sender with its response</source>
        <translation>Proxy: espera al destino y responde al remitente con su respuesta</translation>
    </message>
    <message>
        <source>Untick to pause this rule</source>
        <translation>Desmarca para pausar esta regla</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>&lt;b&gt;New rule&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nueva regla&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Edit rule&lt;/b&gt;</source>
        <translation>&lt;b&gt;Editar regla&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Enter the path prefix of the requests to forward; / forwards every request.</source>
        <translation>Introduce el prefijo de ruta de las solicitudes que se reenviarán; / reenvía todas las solicitudes.</translation>
    </message>
    <message>
        <source>A path prefix starts with / and has no spaces, as in /hooks/stripe; &quot;%1&quot; is not one. / forwards every request.</source>
        <translation>Un prefijo de ruta empieza por / y no tiene espacios, como /hooks/stripe; &quot;%1&quot; no lo es. / reenvía todas las solicitudes.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a method: letters only, such as POST; leave it empty for any method.</source>
        <translation>&quot;%1&quot; no es un método: solo letras, como POST; déjalo vacío para cualquier método.</translation>
    </message>
    <message>
        <source>Enter the URL to deliver to, such as http://localhost:3000.</source>
        <translation>Introduce la URL a la que entregar, como http://localhost:3000.</translation>
    </message>
    <message>
        <source>The target must be an http:// or https:// URL, such as http://localhost:3000/webhooks; &quot;%1&quot; is not one.</source>
        <translation>El destino debe ser una URL http:// o https://, como http://localhost:3000/webhooks; &quot;%1&quot; no lo es.</translation>
    </message>
    <message>
        <source>There is already a rule for %1 %2: edit that one instead.</source>
        <translation>Ya hay una regla para %1 %2: edita esa en su lugar.</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 debe estar entre %2 y %3.</translation>
    </message>
    <message>
        <source>The first delay</source>
        <translation>El primer retardo</translation>
    </message>
    <message>
        <source>The longest delay</source>
        <translation>El retardo máximo</translation>
    </message>
    <message>
        <source>The number of attempts</source>
        <translation>El número de intentos</translation>
    </message>
    <message>
        <source>The first delay (%1 ms) is longer than the longest delay (%2 ms).</source>
        <translation>El primer retardo (%1 ms) es mayor que el retardo máximo (%2 ms).</translation>
    </message>
    <message>
        <source>Cannot save the forwarding rules: %1</source>
        <translation>No se pueden guardar las reglas de reenvío: %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::HeadersModel</name>
    <message>
        <source> (trailer)</source>
        <translation> (trailer)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>Hookscope::JsonDocumentIndex</name>
    <message>
        <source>the text ends before the JSON value is complete</source>
        <translation>el texto termina antes de que el valor JSON esté completo</translation>
    </message>
    <message>
        <source>the document is too large to show as a tree (4 GiB or more)</source>
        <translation>el documento es demasiado grande para mostrarlo como árbol (4 GiB o más)</translation>
    </message>
    <message>
        <source>no JSON value: the text is empty or only whitespace</source>
        <translation>no hay ningún valor JSON: el texto está vacío o solo contiene espacios en blanco</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos; after an object member</source>
        <translation>se esperaba &apos;,&apos; o &apos;}&apos; tras un miembro de objeto</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; after an array element</source>
        <translation>se esperaba &apos;,&apos; o &apos;]&apos; tras un elemento de array</translation>
    </message>
    <message>
        <source>expected an object member name in double quotes</source>
        <translation>se esperaba un nombre de miembro de objeto entre comillas dobles</translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after an object member name</source>
        <translation>se esperaba &apos;:&apos; tras un nombre de miembro de objeto</translation>
    </message>
    <message>
        <source>unexpected content after the end of the JSON value</source>
        <translation>contenido inesperado tras el final del valor JSON</translation>
    </message>
    <message>
        <source>nested deeper than %1 objects and arrays</source>
        <translation>más de %1 niveles de objetos y arrays anidados</translation>
    </message>
    <message>
        <source>unexpected character: expected a value (object, array, string, number, true, false or null)</source>
        <translation>carácter inesperado: se esperaba un valor (objeto, array, cadena, número, true, false o null)</translation>
    </message>
    <message>
        <source>a string is never closed</source>
        <translation>una cadena no se cierra nunca</translation>
    </message>
    <message>
        <source>invalid escape sequence in a string</source>
        <translation>secuencia de escape no válida en una cadena</translation>
    </message>
    <message>
        <source>a control character inside a string must be escaped</source>
        <translation>un carácter de control dentro de una cadena debe escaparse</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>UTF-8 no válido</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>número no válido</translation>
    </message>
    <message>
        <source>invalid literal: expected true, false or null</source>
        <translation>literal no válido: se esperaba true, false o null</translation>
    </message>
</context>
<context>
    <name>Hookscope::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>objeto</translation>
    </message>
    <message>
        <source>array</source>
        <translation>array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>cadena</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>booleano</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
</context>
<context>
    <name>Hookscope::MainWindow</name>
    <message>
        <source>&amp;Pin</source>
        <translation>&amp;Fijar</translation>
    </message>
    <message>
        <source>&amp;Unpin</source>
        <translation>De&amp;jar de fijar</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>Copiar como c&amp;URL</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Capturar</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Limpiar</translation>
    </message>
    <message>
        <source>&amp;Resend</source>
        <translation>&amp;Reenviar</translation>
    </message>
    <message>
        <source>Resen&amp;d…</source>
        <translation>Reen&amp;viar…</translation>
    </message>
    <message>
        <source>&amp;Forwarding…</source>
        <translation>Reenvío au&amp;tomático…</translation>
    </message>
    <message>
        <source>Retr&amp;y Delivery</source>
        <translation>Rei&amp;ntentar entrega</translation>
    </message>
    <message>
        <source>Discard Deli&amp;very</source>
        <translation>&amp;Descartar entrega</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Capture requests (Ctrl+E): when off, the endpoint refuses connections</source>
        <translation>Captura solicitudes (Ctrl+E): si está desactivado, el endpoint rechaza las conexiones</translation>
    </message>
    <message>
        <source>Delete every request that is not pinned (Ctrl+Shift+Del)</source>
        <translation>Elimina todas las solicitudes no fijadas (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>S&amp;ecrets…</source>
        <translation>&amp;Secretos…</translation>
    </message>
    <message>
        <source>Webhook secrets: the signatures of requests are checked with them</source>
        <translation>Secretos de webhook: con ellos se comprueban las firmas de las solicitudes</translation>
    </message>
    <message>
        <source>Forwarding rules: deliver requests to another URL as they arrive</source>
        <translation>Reglas de reenvío: entrega las solicitudes a otra URL a medida que llegan</translation>
    </message>
    <message>
        <source>Send the selected requests again to the last target (Ctrl+R)</source>
        <translation>Vuelve a enviar las solicitudes seleccionadas al último destino (Ctrl+R)</translation>
    </message>
    <message>
        <source>Choose the target, edit the request, sign it again, then send (Ctrl+Shift+R)</source>
        <translation>Elige el destino, edita la solicitud, fírmala de nuevo y envíala (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>#%1 resent to %2: %3 %4 in %5 ms</source>
        <translation>#%1 reenviada a %2: %3 %4 en %5 ms</translation>
    </message>
    <message>
        <source>#%1 not delivered: %2</source>
        <translation>#%1 no entregada: %2</translation>
    </message>
    <message>
        <source>Resend: %1</source>
        <translation>Reenvío: %1</translation>
    </message>
    <message>
        <source>Deliver the selected dead letters again, from the first attempt</source>
        <translation>Reintenta las entregas fallidas seleccionadas, desde el primer intento</translation>
    </message>
    <message>
        <source>Take the selected dead letters off the delivery list</source>
        <translation>Quita las entregas fallidas seleccionadas de la lista de entregas</translation>
    </message>
    <message>
        <source>Delivering %1 request(s) again</source>
        <translation>Volviendo a entregar %1 solicitud(es)</translation>
    </message>
    <message>
        <source>Discarded the delivery of %1 request(s)</source>
        <translation>Se descartó la entrega de %1 solicitud(es)</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Copiar filas</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Inspeccionar</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>URL copied</source>
        <translation>URL copiada</translation>
    </message>
    <message>
        <source>Capture paused: the endpoint refuses connections</source>
        <translation>Captura en pausa: el endpoint rechaza las conexiones</translation>
    </message>
    <message>
        <source>Forwarding: %1. Deliveries are kept and retried.</source>
        <translation>Reenvío automático: %1. Las entregas se conservan y se reintentan.</translation>
    </message>
    <message>
        <source>Forwarding: %1 answers again.</source>
        <translation>Reenvío automático: %1 vuelve a responder.</translation>
    </message>
    <message>
        <source>Cannot store requests (senders get 503): %1</source>
        <translation>No se pueden almacenar las solicitudes (los remitentes reciben 503): %1</translation>
    </message>
    <message>
        <source>Cannot pin: %1</source>
        <translation>No se puede fijar: %1</translation>
    </message>
    <message>
        <source>Cannot clear: %1</source>
        <translation>No se puede limpiar: %1</translation>
    </message>
    <message>
        <source>Cannot delete: %1</source>
        <translation>No se puede eliminar: %1</translation>
    </message>
    <message>
        <source>Deleted %1 requests; pinned ones were kept</source>
        <translation>Se eliminaron %1 solicitudes; se conservaron las fijadas</translation>
    </message>
    <message>
        <source>The new language applies when Hookscope starts again.</source>
        <translation>El nuevo idioma se aplicará cuando Hookscope se vuelva a iniciar.</translation>
    </message>
    <message>
        <source>Cannot save the answers: %1</source>
        <translation>No se pueden guardar las respuestas: %1</translation>
    </message>
    <message>
        <source>Cannot read the webhook secrets: %1</source>
        <translation>No se pueden leer los secretos de webhook: %1</translation>
    </message>
    <message>
        <source>Cannot verify the stored requests again: %1</source>
        <translation>No se pueden volver a verificar las solicitudes almacenadas: %1</translation>
    </message>
    <message>
        <source>Cannot copy as cURL: %1</source>
        <translation>No se puede copiar como cURL: %1</translation>
    </message>
    <message>
        <source>cURL command copied (the body is read from a file)</source>
        <translation>Comando cURL copiado (el cuerpo se lee de un archivo)</translation>
    </message>
    <message>
        <source>cURL command copied</source>
        <translation>Comando cURL copiado</translation>
    </message>
    <message>
        <source>%1 requests/s</source>
        <translation>%1 solicitudes/s</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>almacén %1</translation>
    </message>
    <message>
        <source>Cannot load the stored requests: %1</source>
        <translation>No se pueden cargar las solicitudes almacenadas: %1</translation>
    </message>
    <message>
        <source>Cannot load the request: %1</source>
        <translation>No se puede cargar la solicitud: %1</translation>
    </message>
    <message>
        <source>Cannot read the resends: %1</source>
        <translation>No se pueden leer los reenvíos: %1</translation>
    </message>
    <message>
        <source>Select the requests to resend</source>
        <translation>Selecciona las solicitudes que quieres reenviar</translation>
    </message>
    <message>
        <source>Resending %1 request(s) to %2…</source>
        <translation>Reenviando %1 solicitud(es) a %2…</translation>
    </message>
    <message>
        <source>Forwarding rules saved: requests from now on are forwarded by them</source>
        <translation>Reglas de reenvío guardadas: a partir de ahora las solicitudes se reenvían según ellas</translation>
    </message>
    <message>
        <source>Hookscope – %1</source>
        <translation>Hookscope – %1</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <source>Not capturing: %1</source>
        <translation>No se está capturando: %1</translation>
    </message>
    <message>
        <source>Hookscope could not start capturing:
%1</source>
        <translation>Hookscope no pudo empezar a capturar:
%1</translation>
    </message>
    <message>
        <source>Stored requests: %1</source>
        <translation>Solicitudes almacenadas: %1</translation>
    </message>
    <message>
        <source>captured since start: %1</source>
        <translation>capturadas desde el inicio: %1</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Acerca &amp;de</translation>
    </message>
    <message>
        <source>Version, data directory and documentation (F1)</source>
        <translation>Versión, directorio de datos y documentación (F1)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Etiqueta</translation>
    </message>
    <message>
        <source>&amp;No Label</source>
        <translation>&amp;Sin etiqueta</translation>
    </message>
    <message>
        <source>Cannot set the label: %1</source>
        <translation>No se puede poner la etiqueta: %1</translation>
    </message>
    <message>
        <source>Sorting %1 requests…</source>
        <translation>Ordenando %1 solicitudes…</translation>
    </message>
</context>
<context>
    <name>Hookscope::MultipartBody</name>
    <message>
        <source>&quot;%1&quot; is not a multipart content type</source>
        <translation>&quot;%1&quot; no es un tipo de contenido multipart</translation>
    </message>
    <message>
        <source>The Content-Type has no boundary parameter</source>
        <translation>El Content-Type no tiene el parámetro boundary</translation>
    </message>
    <message>
        <source>The body does not contain the boundary &quot;%1&quot;</source>
        <translation>El cuerpo no contiene el delimitador &quot;%1&quot;</translation>
    </message>
    <message>
        <source>The body ends after a boundary, without the closing &quot;--%1--&quot;</source>
        <translation>El cuerpo termina tras un delimitador, sin el cierre &quot;--%1--&quot;</translation>
    </message>
    <message>
        <source>The body ends inside a part, without the closing &quot;--%1--&quot;: it may be truncated</source>
        <translation>El cuerpo termina dentro de una parte, sin el cierre &quot;--%1--&quot;: puede estar truncado</translation>
    </message>
</context>
<context>
    <name>Hookscope::RequestFilter</name>
    <message>
        <source>&apos;-&apos; must be followed by the term to exclude, e.g. -method:GET</source>
        <translation>&apos;-&apos; debe ir seguido del término que se excluye, p. ej. -method:GET</translation>
    </message>
    <message>
        <source>Missing closing quote (&quot;)</source>
        <translation>Falta la comilla de cierre (&quot;)</translation>
    </message>
    <message>
        <source>Empty quotes: put the text to search for between them</source>
        <translation>Comillas vacías: pon entre ellas el texto que buscas</translation>
    </message>
    <message>
        <source>Unknown field &apos;%1:&apos;. Fields: %2. To search for text containing &apos;:&apos;, put it in quotes.</source>
        <translation>Campo desconocido &apos;%1:&apos;. Campos: %2. Para buscar texto que contenga &apos;:&apos;, ponlo entre comillas.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a value</source>
        <translation>&apos;%1&apos; necesita un valor</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: verdict is valid, invalid, unsigned, no-secret or error</source>
        <translation>&apos;%1&apos;: verdict puede ser valid, invalid, unsigned, no-secret o error</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: forward is pending, delivered, retrying, failed, discarded or none</source>
        <translation>&apos;%1&apos;: forward puede ser pending, delivered, retrying, failed, discarded o none</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a status is 404, 4xx, &gt;=400, &lt;500 or 400-499</source>
        <translation>&apos;%1&apos;: un estado se escribe 404, 4xx, &gt;=400, &lt;500 o 400-499</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: a size is bytes with an optional unit k, M or G (1024-based): size&gt;10k, size&lt;=1.5M, size=0, size:1k-64k</source>
        <translation>&apos;%1&apos;: un tamaño se da en bytes con una unidad opcional k, M o G (base 1024): size&gt;10k, size&lt;=1.5M, size=0, size:1k-64k</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the range is empty (the first number is larger)</source>
        <translation>&apos;%1&apos;: el rango está vacío (el primer número es mayor)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: use a time of day (10:30, 10:30:15), a date (2026-11-29), a local date and time (2026-11-29T10:30) or RFC 3339 (2026-11-29T10:30:00Z)</source>
        <translation>&apos;%1&apos;: usa una hora del día (10:30, 10:30:15), una fecha (2026-11-29), una fecha y hora locales (2026-11-29T10:30) o RFC 3339 (2026-11-29T10:30:00Z)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: use yes or no</source>
        <translation>&apos;%1&apos;: usa yes o no</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: name the header, e.g. header:content-type~json</source>
        <translation>&apos;%1&apos;: indica la cabecera, p. ej. header:content-type~json</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: put the text to look for after &apos;~&apos;</source>
        <translation>&apos;%1&apos;: pon el texto que buscas después de &apos;~&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: label is %2, or any</source>
        <translation>&apos;%1&apos;: label es %2, o any</translation>
    </message>
</context>
<context>
    <name>Hookscope::RequestInspector</name>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>does not match (the header cannot be read)</source>
        <translation>no coincide (no se puede leer la cabecera)</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>no coincide</translation>
    </message>
    <message>
        <source>not checked: no secret set</source>
        <translation>sin comprobar: no hay ningún secreto configurado</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>sin comprobar</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>no aplicable</translation>
    </message>
    <message>
        <source>not applicable (the scheme signs no timestamp)</source>
        <translation>no aplicable (el esquema no firma ninguna marca de tiempo)</translation>
    </message>
    <message>
        <source>fresh</source>
        <translation>reciente</translation>
    </message>
    <message>
        <source>too old</source>
        <translation>demasiado antigua</translation>
    </message>
    <message>
        <source>too new</source>
        <translation>demasiado nueva</translation>
    </message>
    <message>
        <source>unknown: the signed timestamp is missing or unreadable</source>
        <translation>desconocida: falta la marca de tiempo firmada o no se puede leer</translation>
    </message>
    <message>
        <source>timestamp %1 (%2)</source>
        <translation>marca de tiempo %1 (%2)</translation>
    </message>
    <message>
        <source>signed %1 s before it arrived</source>
        <translation>firmada %1 s antes de llegar</translation>
    </message>
    <message>
        <source>dated %1 s after it arrived</source>
        <translation>fechada %1 s después de llegar</translation>
    </message>
    <message>
        <source>tolerance %1 s</source>
        <translation>tolerancia %1 s</translation>
    </message>
    <message>
        <source>no age limit</source>
        <translation>sin límite de antigüedad</translation>
    </message>
    <message>
        <source>%1 bytes, the first %2 shown</source>
        <translation>%1 bytes; se muestran los primeros %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Save the response body to a file (decoded when it was sent compressed)</source>
        <translation>Guarda el cuerpo de la respuesta en un archivo (decodificado si se envió comprimido)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Compare what an attempt sent with the request as captured, or two attempts&apos; responses (Ctrl+click selects two).</source>
        <translation>Compara lo que envió un intento con la solicitud tal como se capturó, o las respuestas de dos intentos (Ctrl+clic selecciona dos).</translation>
    </message>
    <message>
        <source>Compare with request</source>
        <translation>Comparar con la solicitud</translation>
    </message>
    <message>
        <source>Show how the request the selected attempt sent differs from the request as it was captured</source>
        <translation>Muestra en qué se diferencia la solicitud que envió el intento seleccionado de la solicitud tal como se capturó</translation>
    </message>
    <message>
        <source>Compare responses</source>
        <translation>Comparar respuestas</translation>
    </message>
    <message>
        <source>Show how the responses of the two selected attempts differ</source>
        <translation>Muestra en qué se diferencian las respuestas de los dos intentos seleccionados</translation>
    </message>
    <message>
        <source>Select a request to see it here.</source>
        <translation>Selecciona una solicitud para verla aquí.</translation>
    </message>
    <message>
        <source>Set secret…</source>
        <translation>Configurar secreto…</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>Comprobando la firma…</translation>
    </message>
    <message>
        <source>No known signature</source>
        <translation>Ninguna firma conocida</translation>
    </message>
    <message>
        <source>Change secret…</source>
        <translation>Cambiar secreto…</translation>
    </message>
    <message>
        <source>Set up a Generic HMAC secret for requests to this path</source>
        <translation>Configura un secreto Generic HMAC para las solicitudes a esta ruta</translation>
    </message>
    <message>
        <source>The %1 secret for requests to this path</source>
        <translation>El secreto de %1 para las solicitudes a esta ruta</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <source>Freshness:</source>
        <translation>Antigüedad:</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>Cabecera:</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>coincide</translation>
    </message>
    <message>
        <source>Received (%1):</source>
        <translation>Recibidas (%1):</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Recibida:</translation>
    </message>
    <message>
        <source>Expected:</source>
        <translation>Esperada:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Signed content:</source>
        <translation>Contenido firmado:</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Pruebas</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <source>Receive time</source>
        <translation>Tiempo de recepción</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>#%1, request %2 on it</source>
        <translation>#%1, solicitud %2 en ella</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Cuerpo</translation>
    </message>
    <message>
        <source>Received bytes</source>
        <translation>Bytes recibidos</translation>
    </message>
    <message>
        <source>Status sent</source>
        <translation>Estado enviado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>Parámetros de consulta</translation>
    </message>
    <message>
        <source>not delivered: %1</source>
        <translation>no entregada: %1</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>URL: %1</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>No entregada: %1</translation>
    </message>
    <message>
        <source>resend</source>
        <translation>reenvío</translation>
    </message>
    <message>
        <source>forwarding</source>
        <translation>reenvío automático</translation>
    </message>
    <message>
        <source>Forwarding rule %1</source>
        <translation>Regla de reenvío %1</translation>
    </message>
    <message>
        <source>Rese&amp;nds</source>
        <translation>Ree&amp;nvíos</translation>
    </message>
    <message>
        <source>Rese&amp;nds (%1)</source>
        <translation>Ree&amp;nvíos (%1)</translation>
    </message>
    <message>
        <source>Not sent anywhere yet. Resend (Ctrl+R) sends it again, Resend… (Ctrl+Shift+R) lets you edit it first; forwarding rules deliver requests as they come.</source>
        <translation>Aún no se ha enviado a ningún sitio. Reenviar (Ctrl+R) la vuelve a enviar; Reenviar… (Ctrl+Shift+R) te permite editarla antes; las reglas de reenvío entregan las solicitudes a medida que llegan.</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Reenviada</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Reenviada automáticamente</translation>
    </message>
    <message>
        <source>Started %1 • connect %2 • TLS %3 • first byte %4 • total %5</source>
        <translation>Inicio %1 • conexión %2 • TLS %3 • primer byte %4 • total %5</translation>
    </message>
    <message>
        <source>Request #%1: attempt %2 (%3, lines with -) against attempt %4 (%5, lines with +)</source>
        <translation>Solicitud #%1: intento %2 (%3, líneas con -) frente al intento %4 (%5, líneas con +)</translation>
    </message>
    <message>
        <source>Request #%1 as captured (lines with -) against what attempt %2 sent to %3 (lines with +)</source>
        <translation>Solicitud #%1 tal como se capturó (líneas con -) frente a lo que el intento %2 envió a %3 (líneas con +)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Diferencias</translation>
    </message>
    <message>
        <source>Only the first %1 lines of each side are compared.</source>
        <translation>Solo se comparan las primeras %1 líneas de cada lado.</translation>
    </message>
    <message>
        <source>[%1 of %2 bytes shown; the body can be saved from the Body tab]</source>
        <translation>[se muestran %1 de %2 bytes; el cuerpo se puede guardar desde la pestaña Cuerpo]</translation>
    </message>
</context>
<context>
    <name>Hookscope::RequestListModel</name>
    <message>
        <source>Signature: %1</source>
        <translation>Firma: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Tipo de contenido</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Reenvío</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>delivered (%1)</source>
        <translation>entregada (%1)</translation>
    </message>
    <message>
        <source>, last %1</source>
        <translation>, último %1</translation>
    </message>
    <message>
        <source>retrying (attempt %1, next in %2 s%3)</source>
        <translation>reintentando (intento %1, siguiente en %2 s%3)</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>fallida (%1)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>descartada</translation>
    </message>
    <message>
        <source>no secret</source>
        <translation>sin secreto</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>no válida</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Fijada</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Etiqueta: %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rojo</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Naranja</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Amarillo</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Verde</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Azul</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Morado</translation>
    </message>
    <message>
        <source>Gray</source>
        <translation>Gris</translation>
    </message>
</context>
<context>
    <name>Hookscope::RequestStore</name>
    <message>
        <source>cannot create the store %1: %2</source>
        <translation>no se puede crear el almacén %1: %2</translation>
    </message>
    <message>
        <source>cannot open the store %1: %2</source>
        <translation>no se puede abrir el almacén %1: %2</translation>
    </message>
    <message>
        <source>the SQLite driver gave no database handle</source>
        <translation>el controlador de SQLite no devolvió ningún identificador de base de datos</translation>
    </message>
    <message>
        <source>the store is not open</source>
        <translation>el almacén no está abierto</translation>
    </message>
    <message>
        <source>no request with id %1</source>
        <translation>no hay ninguna solicitud con id %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::Resend::HttpSender</name>
    <message>
        <source>malformed response from %1: %2</source>
        <translation>respuesta mal formada de %1: %2</translation>
    </message>
    <message>
        <source>the response body from %1 is larger than the limit of %2 bytes</source>
        <translation>el cuerpo de la respuesta de %1 supera el límite de %2 bytes</translation>
    </message>
    <message>
        <source>the connection closed before the response from %1 was complete</source>
        <translation>la conexión se cerró antes de completarse la respuesta de %1</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 cerró la conexión sin responder</translation>
    </message>
    <message>
        <source>not a valid URL: %1</source>
        <translation>no es una URL válida: %1</translation>
    </message>
    <message>
        <source>unsupported scheme &quot;%1&quot; in %2: only http and https can be sent to</source>
        <translation>esquema &quot;%1&quot; no admitido en %2: solo se puede enviar a http y https</translation>
    </message>
    <message>
        <source>no host in %1</source>
        <translation>no hay host en %1</translation>
    </message>
    <message>
        <source>TLS is not available (Qt found no usable OpenSSL), so %1 cannot be reached</source>
        <translation>TLS no está disponible (Qt no encontró ningún OpenSSL utilizable), así que no se puede acceder a %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>TLS: self-signed certificate at %1 (allow self-signed certificates for this target to accept it)</source>
        <translation>TLS: certificado autofirmado en %1 (para aceptarlo, permite certificados autofirmados para este destino)</translation>
    </message>
    <message>
        <source>TLS: %1 at %2 (allow self-signed certificates for this target to accept it)</source>
        <translation>TLS: %1 en %2 (para aceptarlo, permite certificados autofirmados para este destino)</translation>
    </message>
    <message>
        <source>TLS: %1 at %2</source>
        <translation>TLS: %1 en %2</translation>
    </message>
    <message>
        <source>connection refused at %1</source>
        <translation>conexión rechazada en %1</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>host no encontrado: %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>too many redirects: more than %1 starting at %2</source>
        <translation>demasiadas redirecciones: más de %1 a partir de %2</translation>
    </message>
    <message>
        <source>%1 redirected to %2, which cannot be followed (only http and https URLs can)</source>
        <translation>%1 redirigió a %2, que no se puede seguir (solo se pueden seguir URL http y https)</translation>
    </message>
    <message>
        <source>timed out after %1 s waiting for %2</source>
        <translation>se agotó el tiempo tras %1 s esperando a %2</translation>
    </message>
</context>
<context>
    <name>Hookscope::ResendDialog</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>%1 requests are sent one after the other, each as it was captured (with Host and Content-Length for the target). To edit a request, resend it alone.</source>
        <translation>Las %1 solicitudes se envían una tras otra, cada una tal como se capturó (con Host y Content-Length para el destino). Para editar una solicitud, reenvíala sola.</translation>
    </message>
    <message>
        <source>Reading the request…</source>
        <translation>Leyendo la solicitud…</translation>
    </message>
    <message>
        <source>The body is binary, too large or has CR bytes: a text editor would change it. Send it as captured or from a file.</source>
        <translation>El cuerpo es binario, demasiado grande o tiene bytes CR: un editor de texto lo modificaría. Envíalo tal como se capturó o desde un archivo.</translation>
    </message>
    <message>
        <source>Cannot read the request: %1</source>
        <translation>No se puede leer la solicitud: %1</translation>
    </message>
    <message>
        <source>The target URL has a path of its own: it is used as it is.</source>
        <translation>La URL de destino tiene su propia ruta: se usa tal cual.</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation>Introduce una URL http:// o https://.</translation>
    </message>
    <message>
        <source>Each request goes to %1 followed by its own path and query.</source>
        <translation>Cada solicitud va a %1 seguida de su propia ruta y consulta.</translation>
    </message>
    <message>
        <source>Every request goes to %1.</source>
        <translation>Todas las solicitudes van a %1.</translation>
    </message>
    <message>
        <source>Sends to %1</source>
        <translation>Envía a %1</translation>
    </message>
    <message>
        <source>Sends to %1 (the URL&apos;s own path and query; the request&apos;s are not used)</source>
        <translation>Envía a %1 (la ruta y la consulta propias de la URL; no se usan las de la solicitud)</translation>
    </message>
    <message>
        <source>No body.</source>
        <translation>Sin cuerpo.</translation>
    </message>
    <message>
        <source>%1 bytes, sent as captured (Content-Encoding untouched).</source>
        <translation>%1 bytes, enviados tal como se capturaron (Content-Encoding sin cambios).</translation>
    </message>
    <message>
        <source>Sent as UTF-8; Content-Length follows the text.</source>
        <translation>Se envía como UTF-8; Content-Length se ajusta al texto.</translation>
    </message>
    <message>
        <source>%1: %2 bytes, sent as they are.</source>
        <translation>%1: %2 bytes, enviados tal cual.</translation>
    </message>
    <message>
        <source>Choose the file whose bytes are sent as the body.</source>
        <translation>Elige el archivo cuyos bytes se envían como cuerpo.</translation>
    </message>
    <message>
        <source>Body from a file</source>
        <translation>Cuerpo desde un archivo</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>The request carries no signature Hookscope knows.</source>
        <translation>La solicitud no lleva ninguna firma que Hookscope conozca.</translation>
    </message>
    <message>
        <source>%1 signatures cannot be made again.</source>
        <translation>Las firmas de %1 no se pueden volver a generar.</translation>
    </message>
    <message>
        <source>Each request with its own provider&apos;s secret from the Secrets list (or the one pasted below).</source>
        <translation>Cada solicitud con el secreto de su propio proveedor de la lista de Secretos (o el que pegues abajo).</translation>
    </message>
    <message>
        <source>%1, with the secret from the Secrets list, or the one pasted below.</source>
        <translation>%1, con el secreto de la lista de Secretos o el que pegues abajo.</translation>
    </message>
    <message>
        <source>%1: no secret for this path in the Secrets list; paste it below.</source>
        <translation>%1: no hay secreto para esta ruta en la lista de Secretos; pégalo abajo.</translation>
    </message>
    <message>
        <source>the secret from the Secrets list</source>
        <translation>el secreto de la lista de Secretos</translation>
    </message>
    <message>
        <source>paste the secret</source>
        <translation>pega el secreto</translation>
    </message>
    <message>
        <source>Enter the URL to send to, such as http://localhost:3000.</source>
        <translation>Introduce la URL a la que enviar, como http://localhost:3000.</translation>
    </message>
    <message>
        <source>The target must be an http:// or https:// URL, such as http://localhost:3000; &quot;%1&quot; is not one.</source>
        <translation>El destino debe ser una URL http:// o https://, como http://localhost:3000; &quot;%1&quot; no lo es.</translation>
    </message>
    <message>
        <source>Enter a method, such as POST.</source>
        <translation>Introduce un método, como POST.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a method: letters, digits and !#$%&amp;&apos;*+-.^_`|~ only, no spaces.</source>
        <translation>&quot;%1&quot; no es un método: solo letras, dígitos y !#$%&amp;&apos;*+-.^_`|~, sin espacios.</translation>
    </message>
    <message>
        <source>The path starts with / and has no spaces, such as /hooks/github?delivery=1.</source>
        <translation>La ruta empieza por / y no tiene espacios, como /hooks/github?delivery=1.</translation>
    </message>
    <message>
        <source>Header %1 has a value but no name.</source>
        <translation>La cabecera %1 tiene un valor pero no tiene nombre.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a header name: letters, digits and !#$%&amp;&apos;*+-.^_`|~ only, no spaces or colons.</source>
        <translation>&quot;%1&quot; no es un nombre de cabecera: solo letras, dígitos y !#$%&amp;&apos;*+-.^_`|~, sin espacios ni dos puntos.</translation>
    </message>
    <message>
        <source>The value of %1 has a line break: a header value is one line.</source>
        <translation>El valor de %1 tiene un salto de línea: el valor de una cabecera ocupa una sola línea.</translation>
    </message>
    <message>
        <source>Choose the file to send as the body.</source>
        <translation>Elige el archivo que se enviará como cuerpo.</translation>
    </message>
    <message>
        <source>Still reading %1.</source>
        <translation>Todavía se está leyendo %1.</translation>
    </message>
    <message>
        <source>Paste the %1 secret to sign with, or add it in Secrets.</source>
        <translation>Pega el secreto de %1 con el que firmar, o añádelo en Secretos.</translation>
    </message>
</context>
<context>
    <name>Hookscope::Resender</name>
    <message>
        <source>#%1: %2 requests cannot be signed again</source>
        <translation>#%1: las solicitudes de %2 no se pueden volver a firmar</translation>
    </message>
    <message>
        <source>#%1: no known signature to renew</source>
        <translation>#%1: no hay ninguna firma conocida que renovar</translation>
    </message>
    <message>
        <source>#%1: no %2 secret to sign with: add one in Secrets or paste it in the Resend dialog</source>
        <translation>#%1: no hay ningún secreto de %2 con el que firmar: añade uno en Secretos o pégalo en el diálogo Reenviar</translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>#%1: %2</translation>
    </message>
    <message>
        <source>#%1: the attempt was not stored: %2</source>
        <translation>#%1: el intento no se almacenó: %2</translation>
    </message>
</context>
<context>
    <name>Hookscope::ResponseRule</name>
    <message>
        <source>&apos;%1&apos; is not an HTTP status code (100-999)</source>
        <translation>&apos;%1&apos; no es un código de estado HTTP (100-999)</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos; is not of the form &apos;METHOD PATH STATUS[:BODY]&apos;</source>
        <translation>la regla &apos;%1&apos; no tiene la forma &apos;METHOD PATH STATUS[:BODY]&apos;</translation>
    </message>
    <message>
        <source>stored response rule has an invalid status %1</source>
        <translation>la regla de respuesta almacenada tiene un estado %1 no válido</translation>
    </message>
    <message>
        <source>response rules are not valid JSON: %1</source>
        <translation>las reglas de respuesta no son JSON válido: %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::SecretsDialog</name>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Path prefix</source>
        <translation>Prefijo de ruta</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secretos</translation>
    </message>
    <message>
        <source>Public URL</source>
        <translation>URL pública</translation>
    </message>
    <message>
        <source>every path</source>
        <translation>todas las rutas</translation>
    </message>
    <message>
        <source>&lt;b&gt;New entry&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nueva entrada&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Edit entry&lt;/b&gt;</source>
        <translation>&lt;b&gt;Editar entrada&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A path prefix starts with /, as in /hooks/github; leave it empty for every path.</source>
        <translation>Un prefijo de ruta empieza por /, como /hooks/github; déjalo vacío para todas las rutas.</translation>
    </message>
    <message>
        <source>Enter the secret %1 gave you (several lines while it rotates).</source>
        <translation>Introduce el secreto que te dio %1 (varias líneas mientras lo rota).</translation>
    </message>
    <message>
        <source>The public URL must be an http:// or https:// URL, such as https://example.com/hooks; &quot;%1&quot; is not one.</source>
        <translation>La URL pública debe ser una URL http:// o https://, como https://example.com/hooks; &quot;%1&quot; no lo es.</translation>
    </message>
    <message>
        <source>Generic HMAC settings: %1</source>
        <translation>Ajustes de Generic HMAC: %1</translation>
    </message>
    <message>
        <source>There is already a %1 entry for every path: edit that one, or give this one a path prefix.</source>
        <translation>Ya hay una entrada de %1 para todas las rutas: edita esa o da a esta un prefijo de ruta.</translation>
    </message>
    <message>
        <source>There is already a %1 entry for %2: edit that one instead.</source>
        <translation>Ya hay una entrada de %1 para %2: edita esa en su lugar.</translation>
    </message>
    <message>
        <source>Cannot save the secrets: %1</source>
        <translation>No se pueden guardar los secretos: %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::SettingsDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Give at least one address to listen on.</source>
        <translation>Indica al menos una dirección en la que escuchar.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a size: use bytes or a unit, such as 64k, 10M or 1G.</source>
        <translation>&apos;%1&apos; no es un tamaño: usa bytes o una unidad, como 64k, 10M o 1G.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a size: use bytes or a unit, such as 16k or 64k.</source>
        <translation>&apos;%1&apos; no es un tamaño: usa bytes o una unidad, como 16k o 64k.</translation>
    </message>
    <message>
        <source>The header block limit must be between 1k and 16M.</source>
        <translation>El límite del bloque de cabeceras debe estar entre 1k y 16M.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a duration: use 90s, 30m, 12h or 7d, or leave it empty.</source>
        <translation>&apos;%1&apos; no es una duración: usa 90s, 30m, 12h o 7d, o déjalo vacío.</translation>
    </message>
</context>
<context>
    <name>Hookscope::StoreSchema</name>
    <message>
        <source>cannot upgrade the store to version %1: %2</source>
        <translation>no se puede actualizar el almacén a la versión %1: %2</translation>
    </message>
    <message>
        <source>the store was written by a newer Hookscope (schema %1, this version knows up to %2)</source>
        <translation>el almacén lo escribió una versión más reciente de Hookscope (esquema %1; esta versión conoce hasta el %2)</translation>
    </message>
    <message>
        <source>cannot read the store&apos;s schema version: %1</source>
        <translation>no se puede leer la versión del esquema del almacén: %1</translation>
    </message>
</context>
<context>
    <name>Hookscope::Verdict</name>
    <message>
        <source>Valid</source>
        <translation>Válida</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>No válida</translation>
    </message>
    <message>
        <source>Not checked: no secret set</source>
        <translation>Sin comprobar: no hay ningún secreto configurado</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Sin firmar</translation>
    </message>
    <message>
        <source>Cannot be checked</source>
        <translation>No se puede comprobar</translation>
    </message>
</context>
<context>
    <name>Hookscope::Verify</name>
    <message>
        <source>The sender signed the body without the final \r\n: it was added on the way.</source>
        <translation>El remitente firmó el cuerpo sin el \r\n final: se añadió por el camino.</translation>
    </message>
    <message>
        <source>The sender signed the body without the final newline: it was added on the way.</source>
        <translation>El remitente firmó el cuerpo sin el salto de línea final: se añadió por el camino.</translation>
    </message>
    <message>
        <source>The sender signed the body with a final newline: it was removed on the way.</source>
        <translation>El remitente firmó el cuerpo con un salto de línea final: se eliminó por el camino.</translation>
    </message>
    <message>
        <source>The sender signed the body with a final \r\n: it was removed on the way (SendGrid ends its bodies with one).</source>
        <translation>El remitente firmó el cuerpo con un \r\n final: se eliminó por el camino (SendGrid termina sus cuerpos con uno).</translation>
    </message>
    <message>
        <source>Line endings were changed from \n to \r\n on the way.</source>
        <translation>Los finales de línea se cambiaron de \n a \r\n por el camino.</translation>
    </message>
    <message>
        <source>Line endings were changed from \r\n to \n on the way.</source>
        <translation>Los finales de línea se cambiaron de \r\n a \n por el camino.</translation>
    </message>
    <message>
        <source>Whitespace was added around the body on the way.</source>
        <translation>Se añadieron espacios en blanco alrededor del cuerpo por el camino.</translation>
    </message>
    <message>
        <source>The body was re-serialized on the way: </source>
        <translation>El cuerpo se volvió a serializar por el camino: </translation>
    </message>
    <message>
        <source>the sender signed compact JSON and this body has other whitespace. Verify the raw bytes, before any JSON parsing.</source>
        <translation>el remitente firmó JSON compacto y este cuerpo tiene otros espacios en blanco. Verifica los bytes en bruto, antes de analizar el JSON.</translation>
    </message>
    <message>
        <source>the sender signed JSON indented by 2 spaces (as Stripe sends it) and this body has other whitespace.</source>
        <translation>el remitente firmó JSON indentado con 2 espacios (como lo envía Stripe) y este cuerpo tiene otros espacios en blanco.</translation>
    </message>
    <message>
        <source>the sender signed JSON indented by 4 spaces and this body has other whitespace.</source>
        <translation>el remitente firmó JSON indentado con 4 espacios y este cuerpo tiene otros espacios en blanco.</translation>
    </message>
    <message>
        <source>the sender signed JSON with &quot;, &quot; and &quot;: &quot; separators (Python&apos;s json.dumps) and this body has other whitespace.</source>
        <translation>el remitente firmó JSON con los separadores &quot;, &quot; y &quot;: &quot; (json.dumps de Python) y este cuerpo tiene otros espacios en blanco.</translation>
    </message>
    <message>
        <source>the sender wrote non-ASCII characters as \uXXXX escapes and this body has them as UTF-8.</source>
        <translation>el remitente escribió los caracteres no ASCII como escapes \uXXXX y este cuerpo los tiene como UTF-8.</translation>
    </message>
    <message>
        <source>the sender wrote non-ASCII characters as UTF-8 and this body has them as \uXXXX escapes.</source>
        <translation>el remitente escribió los caracteres no ASCII como UTF-8 y este cuerpo los tiene como escapes \uXXXX.</translation>
    </message>
    <message>
        <source>The secret has spaces or a newline around it: remove them.</source>
        <translation>El secreto tiene espacios o un salto de línea alrededor: elimínalos.</translation>
    </message>
    <message>
        <source>The sender used the whsec_ secret text itself as the HMAC key (as Stripe does); Standard Webhooks and Svix base64-decode the part after whsec_. The sender&apos;s library handles the secret wrongly.</source>
        <translation>El remitente usó el propio texto del secreto whsec_ como clave HMAC (como hace Stripe); Standard Webhooks y Svix decodifican en base64 la parte que sigue a whsec_. La biblioteca del remitente trata mal el secreto.</translation>
    </message>
    <message>
        <source>The sender base64-decoded the whsec_ secret (as Svix and Standard Webhooks do); %1 uses the whole text, whsec_ included, as the key.</source>
        <translation>El remitente decodificó en base64 el secreto whsec_ (como hacen Svix y Standard Webhooks); %1 usa como clave el texto completo, whsec_ incluido.</translation>
    </message>
    <message>
        <source>The signature matches the secret without its &quot;%1&quot; prefix: %2 uses the whole secret text, prefix included.</source>
        <translation>La firma coincide con el secreto sin su prefijo &quot;%1&quot;: %2 usa el texto completo del secreto, prefijo incluido.</translation>
    </message>
    <message>
        <source>The signature is written in upper-case hex; %1&apos;s SDK compares lower-case hex and rejects it.</source>
        <translation>La firma está escrita en hex en mayúsculas; el SDK de %1 compara hex en minúsculas y la rechaza.</translation>
    </message>
    <message>
        <source>the sender signed the URL built from the Host header</source>
        <translation>el remitente firmó la URL construida a partir de la cabecera Host</translation>
    </message>
    <message>
        <source>The URL differs from the one the sender signed: %1. Set the public URL to %2.</source>
        <translation>La URL difiere de la que firmó el remitente: %1. Configura %2 como URL pública.</translation>
    </message>
    <message>
        <source>The secret looks like a %1 secret, not a %2 one.</source>
        <translation>El secreto parece un secreto de %1, no de %2.</translation>
    </message>
    <message>
        <source>The secret is wrong, the body was changed, or %1 signed another URL than %2.</source>
        <translation>El secreto es incorrecto, el cuerpo se modificó o %1 firmó una URL distinta de %2.</translation>
    </message>
    <message>
        <source>No X-Signature-Ed25519 header.</source>
        <translation>No hay cabecera X-Signature-Ed25519.</translation>
    </message>
    <message>
        <source>The X-Signature-Timestamp header is missing.</source>
        <translation>Falta la cabecera X-Signature-Timestamp.</translation>
    </message>
    <message>
        <source>X-Signature-Ed25519 must be 128 hex digits (a 64-byte Ed25519 signature).</source>
        <translation>X-Signature-Ed25519 debe tener 128 dígitos hex (una firma Ed25519 de 64 bytes).</translation>
    </message>
    <message>
        <source>A Discord public key is 64 hex digits (the application&apos;s Public Key in the Developer Portal).</source>
        <translation>Una clave pública de Discord tiene 64 dígitos hex (la Public Key de la aplicación en el Developer Portal).</translation>
    </message>
    <message>
        <source>Discord sends requests with bad signatures on purpose when an endpoint is saved; the endpoint must answer them with 401.</source>
        <translation>Discord envía a propósito solicitudes con firmas incorrectas cuando se guarda un endpoint; el endpoint debe responderlas con 401.</translation>
    </message>
    <message>
        <source>Signing as Discord needs the Ed25519 private key: a 32-byte seed as 64 hex digits.</source>
        <translation>Para firmar como Discord se necesita la clave privada Ed25519: una semilla de 32 bytes en 64 dígitos hex.</translation>
    </message>
    <message>
        <source>The Ed25519 key cannot sign.</source>
        <translation>La clave Ed25519 no puede firmar.</translation>
    </message>
    <message>
        <source>No X-Twilio-Email-Event-Webhook-Signature header.</source>
        <translation>No hay cabecera X-Twilio-Email-Event-Webhook-Signature.</translation>
    </message>
    <message>
        <source>The X-Twilio-Email-Event-Webhook-Timestamp header is missing.</source>
        <translation>Falta la cabecera X-Twilio-Email-Event-Webhook-Timestamp.</translation>
    </message>
    <message>
        <source>The signature is not base64.</source>
        <translation>La firma no está en base64.</translation>
    </message>
    <message>
        <source>A SendGrid verification key is the base64 text shown in the Event Webhook settings (it starts with MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE).</source>
        <translation>Una clave de verificación de SendGrid es el texto base64 que se muestra en los ajustes de Event Webhook (empieza por MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE).</translation>
    </message>
    <message>
        <source>SendGrid ends the body with \r\n: a proxy that trims it breaks the signature.</source>
        <translation>SendGrid termina el cuerpo con \r\n: un proxy que lo recorta rompe la firma.</translation>
    </message>
    <message>
        <source>The secret is empty.</source>
        <translation>El secreto está vacío.</translation>
    </message>
    <message>
        <source>No %1 header.</source>
        <translation>No hay cabecera %1.</translation>
    </message>
    <message>
        <source>The %1 header does not start with &quot;%2&quot;.</source>
        <translation>La cabecera %1 no empieza por &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>A secret is needed to sign.</source>
        <translation>Se necesita un secreto para firmar.</translation>
    </message>
    <message>
        <source>No X-Hub-Signature-256 header: the webhook has no secret set on GitHub.</source>
        <translation>No hay cabecera X-Hub-Signature-256: el webhook no tiene ningún secreto configurado en GitHub.</translation>
    </message>
    <message>
        <source>Only the legacy SHA-1 signature is present; @octokit/webhooks verifies X-Hub-Signature-256 only.</source>
        <translation>Solo está la firma SHA-1 heredada; @octokit/webhooks solo verifica X-Hub-Signature-256.</translation>
    </message>
    <message>
        <source>GitHub signs no timestamp: a replay is detected only by X-GitHub-Delivery.</source>
        <translation>GitHub no firma ninguna marca de tiempo: una repetición solo se detecta mediante X-GitHub-Delivery.</translation>
    </message>
    <message>
        <source>No Stripe-Signature header.</source>
        <translation>No hay cabecera Stripe-Signature.</translation>
    </message>
    <message>
        <source>The Stripe-Signature header has no readable timestamp (t=...).</source>
        <translation>La cabecera Stripe-Signature no tiene ninguna marca de tiempo legible (t=...).</translation>
    </message>
    <message>
        <source>The Stripe-Signature header has no v1 signature.</source>
        <translation>La cabecera Stripe-Signature no tiene ninguna firma v1.</translation>
    </message>
    <message>
        <source>Only a v0 (legacy test-mode) signature is present; Stripe&apos;s SDK ignores it.</source>
        <translation>Solo hay una firma v0 (modo de prueba heredado); el SDK de Stripe la ignora.</translation>
    </message>
    <message>
        <source>The %1 header does not start with &quot;v0=&quot;.</source>
        <translation>La cabecera %1 no empieza por &quot;v0=&quot;.</translation>
    </message>
    <message>
        <source>The %1 header is missing.</source>
        <translation>Falta la cabecera %1.</translation>
    </message>
    <message>
        <source>No Paddle-Signature header.</source>
        <translation>No hay cabecera Paddle-Signature.</translation>
    </message>
    <message>
        <source>The Paddle-Signature header must be ts=&lt;unix seconds&gt;;h1=&lt;hex&gt;.</source>
        <translation>La cabecera Paddle-Signature debe ser ts=&lt;segundos Unix&gt;;h1=&lt;hex&gt;.</translation>
    </message>
    <message>
        <source>Several h1 signatures: Paddle&apos;s Node SDK (3.10) compares only the last one.</source>
        <translation>Varias firmas h1: el SDK de Node de Paddle (3.10) solo compara la última.</translation>
    </message>
    <message>
        <source>No Twitch-Eventsub-Message-Signature header.</source>
        <translation>No hay cabecera Twitch-Eventsub-Message-Signature.</translation>
    </message>
    <message>
        <source>Twitch requests need Twitch-Eventsub-Message-Id, -Timestamp and a signature starting with &quot;sha256=&quot;.</source>
        <translation>Las solicitudes de Twitch necesitan Twitch-Eventsub-Message-Id, -Timestamp y una firma que empiece por &quot;sha256=&quot;.</translation>
    </message>
    <message>
        <source>Twitch asks receivers to also drop repeated Twitch-Eventsub-Message-Id values.</source>
        <translation>Twitch pide a los receptores que también descarten los valores repetidos de Twitch-Eventsub-Message-Id.</translation>
    </message>
    <message>
        <source>No Linear-Signature header.</source>
        <translation>No hay cabecera Linear-Signature.</translation>
    </message>
    <message>
        <source>Linear&apos;s freshness comes from the signed body field webhookTimestamp, not the Linear-Timestamp header.</source>
        <translation>En Linear, la antigüedad se toma del campo firmado webhookTimestamp del cuerpo, no de la cabecera Linear-Timestamp.</translation>
    </message>
    <message>
        <source>The time to sign with is out of range.</source>
        <translation>La hora con la que firmar está fuera de rango.</translation>
    </message>
    <message>
        <source>No X-Gitlab-Token or webhook-signature header: the webhook has no secret token set in GitLab.</source>
        <translation>No hay cabecera X-Gitlab-Token ni webhook-signature: el webhook no tiene ningún token secreto configurado en GitLab.</translation>
    </message>
    <message>
        <source>X-Gitlab-Token is the secret itself, not a signature: the body is not protected and a changed body still passes.</source>
        <translation>X-Gitlab-Token es el propio secreto, no una firma: el cuerpo no está protegido y un cuerpo modificado también se acepta.</translation>
    </message>
    <message>
        <source>No Mailgun signature (timestamp, token, signature) in the body.</source>
        <translation>No hay firma de Mailgun (timestamp, token, signature) en el cuerpo.</translation>
    </message>
    <message>
        <source>Mailgun signs only the timestamp and token: the event data is not covered, and a changed event still passes.</source>
        <translation>Mailgun solo firma la marca de tiempo y el token: los datos del evento no están cubiertos y un evento modificado también se acepta.</translation>
    </message>
    <message>
        <source>Zoom sets no freshness window; its SDK (@zoom/rivet) verifies re-serialized JSON, not the raw body.</source>
        <translation>Zoom no fija ninguna ventana de antigüedad; su SDK (@zoom/rivet) verifica el JSON reserializado, no el cuerpo en bruto.</translation>
    </message>
    <message>
        <source>No timestamp is signed: a replay is detected only by %1.</source>
        <translation>No se firma ninguna marca de tiempo: una repetición solo se detecta mediante %1.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a secrets file: %2</source>
        <translation>%1 no es un archivo de secretos: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>The secrets of this data directory are in the desktop keyring, but it has no Hookscope item for %1 (enter them again in the Secrets dialog)</source>
        <translation>Los secretos de este directorio de datos están en el llavero del escritorio, pero este no tiene ningún elemento de Hookscope para %1 (vuelve a introducirlos en el diálogo Secretos)</translation>
    </message>
    <message>
        <source>The secrets of this data directory are in the desktop keyring, which is not reachable: %1</source>
        <translation>Los secretos de este directorio de datos están en el llavero del escritorio, al que no se puede acceder: %1</translation>
    </message>
    <message>
        <source>The desktop keyring&apos;s Hookscope item for %1 is not a list of secrets</source>
        <translation>El elemento de Hookscope para %1 en el llavero del escritorio no es una lista de secretos</translation>
    </message>
    <message>
        <source>The secrets of this data directory are in the desktop keyring, but this build of Hookscope has no keyring support (QtKeychain)</source>
        <translation>Los secretos de este directorio de datos están en el llavero del escritorio, pero esta compilación de Hookscope no admite llaveros (QtKeychain)</translation>
    </message>
    <message>
        <source>generic-hmac setting &quot;%1&quot; is not key=value</source>
        <translation>el ajuste de generic-hmac &quot;%1&quot; no tiene la forma key=value</translation>
    </message>
    <message>
        <source>generic-hmac algorithm must be sha1, sha256 or sha512, not &quot;%1&quot;</source>
        <translation>el algoritmo de generic-hmac debe ser sha1, sha256 o sha512, no &quot;%1&quot;</translation>
    </message>
    <message>
        <source>generic-hmac encoding must be hex or base64, not &quot;%1&quot;</source>
        <translation>la codificación de generic-hmac debe ser hex o base64, no &quot;%1&quot;</translation>
    </message>
    <message>
        <source>generic-hmac header must not be empty</source>
        <translation>la cabecera de generic-hmac no puede estar vacía</translation>
    </message>
    <message>
        <source>generic-hmac tolerance must be a number of seconds, not &quot;%1&quot;</source>
        <translation>la tolerancia de generic-hmac debe ser un número de segundos, no &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown generic-hmac setting &quot;%1&quot; (known: algorithm, encoding, header, prefix, template, timestamp-header, id-header, tolerance)</source>
        <translation>ajuste de generic-hmac desconocido &quot;%1&quot; (conocidos: algorithm, encoding, header, prefix, template, timestamp-header, id-header, tolerance)</translation>
    </message>
    <message>
        <source>generic-hmac template uses {timestamp}: set timestamp-header</source>
        <translation>la plantilla de generic-hmac usa {timestamp}: configura timestamp-header</translation>
    </message>
    <message>
        <source>generic-hmac template uses {id}: set id-header</source>
        <translation>la plantilla de generic-hmac usa {id}: configura id-header</translation>
    </message>
    <message>
        <source>%1 requests cannot be signed by Hookscope</source>
        <translation>Hookscope no puede firmar solicitudes de %1</translation>
    </message>
    <message>
        <source>No signature header of a known provider.</source>
        <translation>No hay ninguna cabecera de firma de un proveedor conocido.</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;.</source>
        <translation>Proveedor desconocido &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The signature header is malformed: the provider&apos;s SDK rejects the request before computing anything.</source>
        <translation>La cabecera de firma está mal formada: el SDK del proveedor rechaza la solicitud antes de calcular nada.</translation>
    </message>
    <message>
        <source>%1 s old</source>
        <translation>de hace %1 s</translation>
    </message>
    <message>
        <source>%1 s in the future</source>
        <translation>de %1 s en el futuro</translation>
    </message>
    <message>
        <source>Signed by %1, but no secret is set for it.</source>
        <translation>Firmada por %1, pero no hay ningún secreto configurado para ese proveedor.</translation>
    </message>
    <message>
        <source>The secret cannot be used.</source>
        <translation>El secreto no se puede usar.</translation>
    </message>
    <message>
        <source>The signature is valid, but the timestamp is %1; %2 accepts at most %3 s.</source>
        <translation>La firma es válida, pero la marca de tiempo es %1; %2 acepta como máximo %3 s.</translation>
    </message>
    <message>
        <source>The signature is valid, but the signed timestamp is missing or unreadable.</source>
        <translation>La firma es válida, pero falta la marca de tiempo firmada o no se puede leer.</translation>
    </message>
    <message>
        <source> with secret %1 of %2</source>
        <translation> con el secreto %1 de %2</translation>
    </message>
    <message>
        <source>Valid %1 signature%2.</source>
        <translation>Firma de %1 válida%2.</translation>
    </message>
    <message>
        <source>Timestamp %1, within the %2 s tolerance.</source>
        <translation>Marca de tiempo %1, dentro de la tolerancia de %2 s.</translation>
    </message>
    <message>
        <source>No signature matches any of the %1 secrets: the body was changed after signing, or the secrets are not the ones the sender used.</source>
        <translation>Ninguna firma coincide con ninguno de los %1 secretos: el cuerpo se modificó después de firmarse, o los secretos no son los que usó el remitente.</translation>
    </message>
    <message>
        <source>The signature does not match: the body was changed after signing, or the secret is not the one the sender used.</source>
        <translation>La firma no coincide: el cuerpo se modificó después de firmarse, o el secreto no es el que usó el remitente.</translation>
    </message>
    <message>
        <source>The signature does not match.</source>
        <translation>La firma no coincide.</translation>
    </message>
    <message>
        <source>The timestamp is also %1 (tolerance %2 s).</source>
        <translation>La marca de tiempo también es %1 (tolerancia %2 s).</translation>
    </message>
    <message>
        <source>the sender used %1:// where Hookscope used %2:// (a TLS-terminating proxy or tunnel in between)</source>
        <translation>el remitente usó %1:// donde Hookscope usó %2:// (hay un proxy o túnel que termina TLS en medio)</translation>
    </message>
    <message>
        <source>the sender signed the https URL without the port</source>
        <translation>el remitente firmó la URL https sin el puerto</translation>
    </message>
    <message>
        <source>the sender signed the URL without the default port</source>
        <translation>el remitente firmó la URL sin el puerto predeterminado</translation>
    </message>
    <message>
        <source>the sender signed the URL with the explicit port %1</source>
        <translation>el remitente firmó la URL con el puerto explícito %1</translation>
    </message>
    <message>
        <source>the sender signed the URL without the trailing slash</source>
        <translation>el remitente firmó la URL sin la barra final</translation>
    </message>
    <message>
        <source>the sender signed the URL with a trailing slash</source>
        <translation>el remitente firmó la URL con una barra final</translation>
    </message>
    <message>
        <source>the sender signed the URL without its query</source>
        <translation>el remitente firmó la URL sin su consulta</translation>
    </message>
    <message>
        <source>The secret is not &quot;whsec_&quot; followed by base64: Standard Webhooks and Svix secrets are base64-decoded to get the key.</source>
        <translation>El secreto no es &quot;whsec_&quot; seguido de base64: los secretos de Standard Webhooks y Svix se decodifican en base64 para obtener la clave.</translation>
    </message>
    <message>
        <source>No %1signature header.</source>
        <translation>No hay cabecera %1signature.</translation>
    </message>
    <message>
        <source>The %1id and %1timestamp headers are needed with %2.</source>
        <translation>Con %2 se necesitan las cabeceras %1id y %1timestamp.</translation>
    </message>
    <message>
        <source>The message id and timestamp must not contain &quot;.&quot;.</source>
        <translation>El id del mensaje y la marca de tiempo no pueden contener &quot;.&quot;.</translation>
    </message>
    <message>
        <source>The %1 header holds no &quot;v1,&lt;base64&gt;&quot; or &quot;v1a,&lt;base64&gt;&quot; signature.</source>
        <translation>La cabecera %1 no contiene ninguna firma &quot;v1,&lt;base64&gt;&quot; ni &quot;v1a,&lt;base64&gt;&quot;.</translation>
    </message>
    <message>
        <source>A whsk_ private key signs; verifying needs the whpk_ public key.</source>
        <translation>Una clave privada whsk_ sirve para firmar; para verificar se necesita la clave pública whpk_.</translation>
    </message>
    <message>
        <source>Only v1a (Ed25519) signatures are present: give the sender&apos;s whpk_ public key.</source>
        <translation>Solo hay firmas v1a (Ed25519): indica la clave pública whpk_ del remitente.</translation>
    </message>
    <message>
        <source>A whpk_ public key is &quot;whpk_&quot; followed by 32 bytes in base64.</source>
        <translation>Una clave pública whpk_ es &quot;whpk_&quot; seguido de 32 bytes en base64.</translation>
    </message>
    <message>
        <source>Clerk&apos;s SDK (verifyWebhook) requires the svix-id, svix-timestamp and svix-signature headers; it rejects webhook-* headers.</source>
        <translation>El SDK de Clerk (verifyWebhook) requiere las cabeceras svix-id, svix-timestamp y svix-signature; rechaza las cabeceras webhook-*.</translation>
    </message>
    <message>
        <source>A whsk_ private key is &quot;whsk_&quot; followed by a 32-byte seed in base64.</source>
        <translation>Una clave privada whsk_ es &quot;whsk_&quot; seguido de una semilla de 32 bytes en base64.</translation>
    </message>
    <message>
        <source>No public URL is set: Hookscope used %1. %2 signs the URL it was given; set the public URL (for example the tunnel&apos;s https address).</source>
        <translation>No hay ninguna URL pública configurada: Hookscope usó %1. %2 firma la URL que se le indicó; configura la URL pública (por ejemplo, la dirección https del túnel).</translation>
    </message>
    <message>
        <source>No X-Twilio-Signature header.</source>
        <translation>No hay cabecera X-Twilio-Signature.</translation>
    </message>
    <message>
        <source>Twilio signs no timestamp: a replay is detected only by I-Twilio-Idempotency-Token.</source>
        <translation>Twilio no firma ninguna marca de tiempo: una repetición solo se detecta mediante I-Twilio-Idempotency-Token.</translation>
    </message>
    <message>
        <source>Signed with HMAC-SHA256 as X-Twilio-Webhooks-Signature-Settings asks: the key is the SharedKey secret.</source>
        <translation>Firmada con HMAC-SHA256 como pide X-Twilio-Webhooks-Signature-Settings: la clave es el secreto SharedKey.</translation>
    </message>
    <message>
        <source>The signature is 44 characters long (HMAC-SHA256) but the X-Twilio-Webhooks-Signature-Settings header that selects SHA-256 is missing: something between Twilio and here dropped it.</source>
        <translation>La firma tiene 44 caracteres (HMAC-SHA256), pero falta la cabecera X-Twilio-Webhooks-Signature-Settings que selecciona SHA-256: algo entre Twilio y aquí la eliminó.</translation>
    </message>
    <message>
        <source>The body was changed: its SHA-256 is %1, the signed URL says bodySHA256=%2.</source>
        <translation>El cuerpo se modificó: su SHA-256 es %1 y la URL firmada indica bodySHA256=%2.</translation>
    </message>
    <message>
        <source>The URL has no bodySHA256 parameter, so this body is not covered by the signature.</source>
        <translation>La URL no tiene el parámetro bodySHA256, así que la firma no cubre este cuerpo.</translation>
    </message>
    <message>
        <source>Square signs no timestamp: a replay is detected only by event_id.</source>
        <translation>Square no firma ninguna marca de tiempo: una repetición solo se detecta mediante event_id.</translation>
    </message>
    <message>
        <source>Mandrill signs no timestamp: a replay is detected only by the events&apos; _id.</source>
        <translation>Mandrill no firma ninguna marca de tiempo: una repetición solo se detecta mediante el _id de los eventos.</translation>
    </message>
    <message>
        <source>no application object</source>
        <translation>no hay ningún objeto de aplicación</translation>
    </message>
    <message>
        <source>the application is quitting</source>
        <translation>la aplicación se está cerrando</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>sin respuesta en %1 segundos</translation>
    </message>
    <message>
        <source>Cannot store the secrets in the desktop keyring (HOOKSCOPE_SECRET_STORAGE=keyring): %1</source>
        <translation>No se pueden almacenar los secretos en el llavero del escritorio (HOOKSCOPE_SECRET_STORAGE=keyring): %1</translation>
    </message>
    <message>
        <source>this build of Hookscope has no keyring support (QtKeychain)</source>
        <translation>esta compilación de Hookscope no admite llaveros (QtKeychain)</translation>
    </message>
    <message>
        <source>The secrets are stored in the desktop keyring.</source>
        <translation>Los secretos se almacenan en el llavero del escritorio.</translation>
    </message>
    <message>
        <source>The secrets are stored in %1, readable by you only.</source>
        <translation>Los secretos se almacenan en %1, que solo tú puedes leer.</translation>
    </message>
    <message>
        <source>The desktop keyring is not reachable: %1</source>
        <translation>No se puede acceder al llavero del escritorio: %1</translation>
    </message>
    <message>
        <source>This build of Hookscope has no keyring support.</source>
        <translation>Esta compilación de Hookscope no admite llaveros.</translation>
    </message>
    <message>
        <source>The secrets will be stored in %1, readable by you only.</source>
        <translation>Los secretos se almacenarán en %1, que solo tú podrás leer.</translation>
    </message>
    <message>
        <source>The secrets will be stored in the desktop keyring, or in %1 (readable by you only) when no keyring is reachable.</source>
        <translation>Los secretos se almacenarán en el llavero del escritorio, o en %1 (que solo tú podrás leer) si no se puede acceder a ningún llavero.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hookscope</source>
        <translation>Hookscope</translation>
    </message>
    <message>
        <source>Send webhooks to:</source>
        <translation>Envía los webhooks a:</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL del endpoint</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>&amp;Copiar URL</translation>
    </message>
    <message>
        <source>Filter: text, method:POST, path:/stripe*, status:4xx, header:x-github-event=push, body:&quot;pi_123&quot;, size&gt;10k, after:10:30, -term</source>
        <translation>Filtro: texto, method:POST, path:/stripe*, status:4xx, header:x-github-event=push, body:&quot;pi_123&quot;, size&gt;10k, after:10:30, -término</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>No requests yet. Point a webhook at the URL above, or try:</source>
        <translation>Aún no hay solicitudes. Apunta un webhook a la URL de arriba o prueba:</translation>
    </message>
    <message>
        <source>Example curl command</source>
        <translation>Comando curl de ejemplo</translation>
    </message>
</context>
<context>
    <name>RequestInspector</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Resumen</translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation>&amp;Cabeceras</translation>
    </message>
    <message>
        <source>Copy header</source>
        <translation>Copiar cabecera</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Copiar todo</translation>
    </message>
    <message>
        <source>&amp;Signature</source>
        <translation>&amp;Firma</translation>
    </message>
    <message>
        <source>Set secret…</source>
        <translation>Configurar secreto…</translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation>C&amp;uerpo</translation>
    </message>
    <message>
        <source>&amp;Raw</source>
        <translation>En &amp;bruto</translation>
    </message>
    <message>
        <source>He&amp;x</source>
        <translation>He&amp;x</translation>
    </message>
    <message>
        <source>Rese&amp;nds</source>
        <translation>Ree&amp;nvíos</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Cuerpo de la respuesta</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Cabeceras de la respuesta</translation>
    </message>
    <message>
        <source>Request sent</source>
        <translation>Solicitud enviada</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>&amp;Target URL:</source>
        <translation>URL de &amp;destino:</translation>
    </message>
    <message>
        <source>An origin (http://localhost:3000) gets the request&apos;s own path and query; a URL with a path is used as it is.</source>
        <translation>A un origen (http://localhost:3000) se le añaden la ruta y la consulta de la solicitud; una URL con ruta se usa tal cual.</translation>
    </message>
    <message>
        <source>&amp;Request line:</source>
        <translation>&amp;Línea de solicitud:</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Path and query</source>
        <translation>Ruta y consulta</translation>
    </message>
    <message>
        <source>/path?query</source>
        <translation>/ruta?consulta</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeceras</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Sent in this order and casing. Host and Content-Length are set for the target; Connection, Transfer-Encoding and the other hop-by-hop headers are left out.</source>
        <translation>Se envían en este orden y con estas mayúsculas y minúsculas. Host y Content-Length se ajustan al destino; Connection, Transfer-Encoding y las demás cabeceras hop-by-hop se omiten.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Cuerpo</translation>
    </message>
    <message>
        <source>&amp;Keep the original bytes</source>
        <translation>&amp;Conservar los bytes originales</translation>
    </message>
    <message>
        <source>Edit as te&amp;xt</source>
        <translation>Editar como te&amp;xto</translation>
    </message>
    <message>
        <source>From a &amp;file</source>
        <translation>Desde un arc&amp;hivo</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Ele&amp;gir…</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>&amp;Sign again</source>
        <translation>&amp;Firmar de nuevo</translation>
    </message>
    <message>
        <source>A fresh signature with the current time, computed after your edits, for the URL it is sent to</source>
        <translation>Una firma nueva con la hora actual, calculada tras tus cambios, para la URL a la que se envía</translation>
    </message>
    <message>
        <source>Secr&amp;et:</source>
        <translation>&amp;Secreto:</translation>
    </message>
    <message>
        <source>Accept a self-signed or untrusted &amp;certificate from this target</source>
        <translation>Aceptar un certificado autofirmado o no fiable de este des&amp;tino</translation>
    </message>
    <message>
        <source>Follow re&amp;directs</source>
        <translation>Seguir &amp;redirecciones</translation>
    </message>
    <message>
        <source>Time&amp;out:</source>
        <translation>Tiempo de es&amp;pera:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
<context>
    <name>SecretsDialog</name>
    <message>
        <source>Webhook Secrets</source>
        <translation>Secretos de webhook</translation>
    </message>
    <message>
        <source>Hookscope checks the signatures of captured requests with these secrets. An entry applies to requests whose path starts with its prefix; the longest matching prefix wins.</source>
        <translation>Hookscope comprueba las firmas de las solicitudes capturadas con estos secretos. Una entrada se aplica a las solicitudes cuya ruta empieza por su prefijo; gana el prefijo coincidente más largo.</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Proveedor:</translation>
    </message>
    <message>
        <source>Path p&amp;refix:</source>
        <translation>Prefijo de &amp;ruta:</translation>
    </message>
    <message>
        <source>every path (or, for example, /hooks/github)</source>
        <translation>todas las rutas (o, por ejemplo, /hooks/github)</translation>
    </message>
    <message>
        <source>&amp;Secrets:</source>
        <translation>&amp;Secretos:</translation>
    </message>
    <message>
        <source>One secret a line. Several lines while a provider rotates its secret: each is tried in turn. Discord and SendGrid: the public key.</source>
        <translation>Un secreto por línea. Varias líneas mientras un proveedor rota su secreto: se prueban uno tras otro. Discord y SendGrid: la clave pública.</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>One a line; several lines while a provider rotates its secret.</source>
        <translation>Uno por línea; varias líneas mientras un proveedor rota su secreto.</translation>
    </message>
    <message>
        <source>P&amp;ublic URL:</source>
        <translation>URL pú&amp;blica:</translation>
    </message>
    <message>
        <source>https://example.com/hooks/twilio (optional)</source>
        <translation>https://example.com/hooks/twilio (opcional)</translation>
    </message>
    <message>
        <source>Twilio, Square and Mailchimp Transactional sign the URL they post to: enter the URL you gave them when a tunnel or proxy stands in between.</source>
        <translation>Twilio, Square y Mailchimp Transactional firman la URL a la que envían: introduce la URL que les diste si hay un túnel o proxy en medio.</translation>
    </message>
    <message>
        <source>&amp;Generic HMAC:</source>
        <translation>&amp;Generic HMAC:</translation>
    </message>
    <message>
        <source>key=value pairs separated by semicolons: algorithm (sha1, sha256, sha512), encoding (hex, base64), header, prefix, template ({body}, {timestamp}, {id}, {url}), timestamp-header, id-header, tolerance (seconds). Empty: the defaults.</source>
        <translation>Pares key=value separados por punto y coma: algorithm (sha1, sha256, sha512), encoding (hex, base64), header, prefix, template ({body}, {timestamp}, {id}, {url}), timestamp-header, id-header, tolerance (segundos). Vacío: los valores predeterminados.</translation>
    </message>
    <message>
        <source>For the Generic HMAC provider only; empty uses the defaults shown.</source>
        <translation>Solo para el proveedor Generic HMAC; si está vacío, se usan los valores predeterminados mostrados.</translation>
    </message>
    <message>
        <source>&amp;Keep and show the list</source>
        <translation>&amp;Conservar y mostrar la lista</translation>
    </message>
    <message>
        <source>Keep this entry and show all entries; Save writes them</source>
        <translation>Conserva esta entrada y muestra todas las entradas; Guardar las escribe</translation>
    </message>
    <message>
        <source>D&amp;iscard changes</source>
        <translation>&amp;Descartar cambios</translation>
    </message>
    <message>
        <source>Show all entries without this entry&apos;s changes</source>
        <translation>Muestra todas las entradas sin los cambios de esta entrada</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Escuchar en:</translation>
    </message>
    <message>
        <source>HOST:PORT, [IPv6]:PORT, PORT (loopback) or *:PORT (all interfaces); several separated by spaces</source>
        <translation>HOST:PORT, [IPv6]:PORT, PORT (loopback) o *:PORT (todas las interfaces); varias separadas por espacios</translation>
    </message>
    <message>
        <source>Answer &amp;status:</source>
        <translation>Estado de res&amp;puesta:</translation>
    </message>
    <message>
        <source>Answer &amp;body:</source>
        <translation>C&amp;uerpo de respuesta:</translation>
    </message>
    <message>
        <source>Largest &amp;body accepted:</source>
        <translation>Cuerpo &amp;máximo aceptado:</translation>
    </message>
    <message>
        <source>Bytes, or with a unit: 64k, 10M, 1G. Larger bodies get 413.</source>
        <translation>Bytes, o con una unidad: 64k, 10M, 1G. Los cuerpos más grandes reciben 413.</translation>
    </message>
    <message>
        <source>Largest &amp;header block:</source>
        <translation>Bloque de ca&amp;beceras máximo:</translation>
    </message>
    <message>
        <source>The request line and headers together, in bytes or with a unit: 64k. Larger header blocks get 431.</source>
        <translation>La línea de solicitud y las cabeceras juntas, en bytes o con una unidad: 64k. Los bloques de cabeceras más grandes reciben 431.</translation>
    </message>
    <message>
        <source>&amp;Idle timeout:</source>
        <translation>Tiempo de &amp;inactividad:</translation>
    </message>
    <message>
        <source>A connection that sends nothing for this long is closed (with 408 when a request was under way).</source>
        <translation>Una conexión que no envía nada durante este tiempo se cierra (con 408 si había una solicitud en curso).</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Request &amp;time limit:</source>
        <translation>Tiempo &amp;límite por solicitud:</translation>
    </message>
    <message>
        <source>A request must arrive completely within this time from its first byte, or it gets 408.</source>
        <translation>Una solicitud debe llegar completa en este tiempo desde su primer byte; si no, recibe 408.</translation>
    </message>
    <message>
        <source>&amp;Keep at most:</source>
        <translation>&amp;Conservar como máximo:</translation>
    </message>
    <message>
        <source>all requests</source>
        <translation>todas las solicitudes</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> solicitudes</translation>
    </message>
    <message>
        <source>Delete &amp;older than:</source>
        <translation>Eliminar con &amp;antigüedad superior a:</translation>
    </message>
    <message>
        <source>never (or 90s, 30m, 12h, 7d)</source>
        <translation>nunca (o 90s, 30m, 12h, 7d)</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Idi&amp;oma:</translation>
    </message>
    <message>
        <source>The language of the window; a change takes effect when Hookscope starts again.</source>
        <translation>El idioma de la ventana; un cambio surte efecto cuando Hookscope se vuelve a iniciar.</translation>
    </message>
</context>
</TS>
